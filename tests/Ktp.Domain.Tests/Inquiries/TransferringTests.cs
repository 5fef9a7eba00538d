using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class TransferringTests
{
    [Fact]
    public void Transferring_to_a_queue_makes_the_inquiry_wait_there_without_an_assignee()
    {
        var inquiry = InWorkBy(Anna);

        inquiry.Run(TransferInquiry.ToQueue(BackOffice, "Needs a technician", Anna, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new InquiryTransferred(BackOffice, null, "Needs a technician", Anna, Minutes(10)));

        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Waiting),
            i => i.QueueCode.ShouldBe(BackOffice),
            i => i.Assignee.ShouldBeNull());
    }

    [Fact]
    public void Transferring_to_a_person_puts_the_inquiry_in_work_by_that_person()
    {
        var inquiry = Waiting();

        inquiry.Run(TransferInquiry.ToPerson(Boris, null, Anna, Minutes(10)));

        inquiry.Status.ShouldBe(InquiryStatus.InWork);
        inquiry.Assignee.ShouldBe(Boris);
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.InWork)]
    [InlineData(InquiryStatus.Processed)]
    public void Open_inquiries_can_be_transferred(InquiryStatus status)
    {
        InState(status).Decide(TransferInquiry.ToPerson(Boris, null, Anna, Minutes(10))).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(InquiryStatus.Closed, "The inquiry is closed; it cannot be transferred.")]
    [InlineData(InquiryStatus.Archived, "The inquiry is archived; it cannot be transferred.")]
    public void Closed_and_archived_inquiries_cannot_be_transferred(InquiryStatus status, string message)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(TransferInquiry.ToQueue(BackOffice, null, Maria, Minutes(10))))
            .Message.ShouldBe(message);
    }

    [Fact]
    public void Someone_elses_inquiry_in_work_can_be_transferred_only_by_a_manager()
    {
        var command = TransferInquiry.ToQueue(BackOffice, null, Boris, Minutes(10));

        Should.Throw<InquiryException>(() => InWorkBy(Anna).Decide(command))
            .Message.ShouldBe("The inquiry is in work by Anna; only they or a manager can transfer it.");
        InWorkBy(Anna).Decide(command with { By = Maria, ByManager = true }).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_transfer_needs_exactly_one_target()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new TransferInquiry(null, null, null, Anna, Minutes(10))))
            .Errors.Keys.ShouldBe(["target"]);
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new TransferInquiry(BackOffice, Boris, null, Anna, Minutes(10))))
            .Errors.Keys.ShouldBe(["target"]);
    }

    [Fact]
    public void An_inquiry_cannot_be_transferred_to_the_system()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(TransferInquiry.ToPerson(Actor.System, null, Anna, Minutes(10))))
            .Errors.Keys.ShouldBe(["toUser"]);
    }

    [Fact]
    public void Transferring_to_where_the_inquiry_already_is_changes_nothing()
    {
        Waiting().Decide(TransferInquiry.ToQueue(FrontOffice, null, Anna, Minutes(10))).ShouldBeEmpty();
        InWorkBy(Anna).Decide(TransferInquiry.ToPerson(Anna, null, Anna, Minutes(10))).ShouldBeEmpty();
    }
}
