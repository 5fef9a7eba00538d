using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class InquiryScenarioTests
{
    [Fact]
    public void An_inquiry_goes_from_registration_through_work_closing_reopening_and_closing_again_to_the_archive()
    {
        var inquiry = new Inquiry();
        var stream = new List<object>();
        void Do(InquiryCommand command) => stream.AddRange(inquiry.Run(command with { ExpectedVersion = inquiry.Version }));

        Do(Register());
        Do(new QueueInquiry(FrontOffice, "first_line", Minutes(60), Actor.System, Minutes(1)));
        Do(new TakeInquiry(Anna, Minutes(5)));
        Do(new AddComment("Checked the coverage map", Anna, Minutes(6)));
        Do(new MarkProcessed("Replaced the SIM card", Anna, Minutes(10)));
        Do(new CloseInquiry("Customer satisfied", Topic(), Anna, Minutes(12)));
        Do(new ReopenInquiry("Problem is back", Boris, Minutes(600)));
        Do(new CloseInquiry("Tower repaired", Topic(), Boris, Minutes(700)));
        Do(new ArchiveInquiry(Actor.System, Minutes(10_000)));

        stream.Select(e => e.GetType().Name).ShouldBe(
        [
            nameof(InquiryRegistered), nameof(InquiryQueued), nameof(InquiryTaken), nameof(CommentAdded), nameof(InquiryProcessed),
            nameof(InquiryClosed), nameof(InquiryReopened), nameof(InquiryClosed), nameof(InquiryArchived),
        ]);
        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Archived),
            i => i.Version.ShouldBe(9),
            i => i.Resolution.ShouldBe("Tower repaired"),
            i => i.ReopenCount.ShouldBe(1));

        Inquiry.AsOf(stream, Minutes(100)).ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Closed),
            i => i.Resolution.ShouldBe("Customer satisfied"),
            i => i.Assignee.ShouldBe(Anna));
        Inquiry.AsOf(stream, Minutes(650)).Assignee.ShouldBe(Boris);
        Inquiry.From(stream).Version.ShouldBe(inquiry.Version);
    }
}
