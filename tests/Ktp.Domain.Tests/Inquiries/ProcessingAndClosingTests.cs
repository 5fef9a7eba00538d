using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class ProcessingAndClosingTests
{
    private static CloseInquiry Close(Actor? by = null) => new("Solved", Topic(), by ?? Anna, Minutes(20));

    [Fact]
    public void The_assignee_marks_an_inquiry_in_work_processed()
    {
        var inquiry = InWorkBy(Anna);

        inquiry.Run(new MarkProcessed(" Replaced the SIM card ", Anna, Minutes(10))).ShouldHaveSingleItem()
            .ShouldBe(new InquiryProcessed("Replaced the SIM card", Anna, Minutes(10)));

        inquiry.Status.ShouldBe(InquiryStatus.Processed);
        inquiry.Result.ShouldBe("Replaced the SIM card");
    }

    [Fact]
    public void Someone_else_cannot_mark_an_inquiry_processed_but_a_manager_can()
    {
        Should.Throw<InquiryException>(() => InWorkBy(Anna).Decide(new MarkProcessed("done", Boris, Minutes(10))))
            .Message.ShouldBe("The inquiry is in work by Anna; only they or a manager can mark it processed.");
        InWorkBy(Anna).Decide(new MarkProcessed("done", Maria, Minutes(10)) { ByManager = true }).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.Processed)]
    [InlineData(InquiryStatus.Closed)]
    [InlineData(InquiryStatus.Archived)]
    public void Only_an_inquiry_in_work_can_be_marked_processed(InquiryStatus status)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(new MarkProcessed("done", Anna, Minutes(10))))
            .Message.ShouldBe($"The inquiry is {status.Describe()}; only an inquiry in work can be marked processed.");
    }

    [Fact]
    public void Processing_needs_a_result()
    {
        Should.Throw<ValidationFailedException>(() => InWorkBy(Anna).Decide(new MarkProcessed(" ", Anna, Minutes(10))))
            .Errors.Keys.ShouldBe(["result"]);
    }

    [Theory]
    [InlineData(InquiryStatus.InWork)]
    [InlineData(InquiryStatus.Processed)]
    public void An_inquiry_in_work_or_processed_can_be_closed(InquiryStatus status)
    {
        var inquiry = InState(status);

        inquiry.Run(Close()).ShouldHaveSingleItem().ShouldBe(new InquiryClosed("Solved", Anna, Minutes(20)));

        inquiry.Status.ShouldBe(InquiryStatus.Closed);
        inquiry.ClosedAt.ShouldBe(Minutes(20));
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.Closed)]
    [InlineData(InquiryStatus.Archived)]
    public void Other_inquiries_cannot_be_closed(InquiryStatus status)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(Close()))
            .Message.ShouldBe($"The inquiry is {status.Describe()}; only an inquiry in work or processed can be closed.");
    }

    [Fact]
    public void Someone_else_cannot_close_an_inquiry_in_work()
    {
        Should.Throw<InquiryException>(() => InWorkBy(Anna).Decide(Close(Boris)));
        InWorkBy(Anna).Decide(Close(Maria) with { ByManager = true }).ShouldHaveSingleItem();
    }

    [Fact]
    public void Closing_requires_the_required_attributes_to_be_valid()
    {
        var topic = Topic() with
        {
            Attributes = [.. Topic().Attributes, new AttributeDefinition("outcome", "Outcome", AttributeType.Dictionary)
            {
                DictionaryCode = "outcomes",
                Required = FlagRule.When("""{"in": [{"var": "status"}, ["in_work", "processed"]]}"""),
            }],
        };

        Should.Throw<ValidationFailedException>(() => Processed().Decide(Close() with { Topic = topic }))
            .Errors.Flat().ShouldBe(new Dictionary<string, string> { ["outcome"] = "Attribute 'Outcome' is required." });

        var inquiry = Processed();
        inquiry.Run(new ChangeAttributes(topic, new Dictionary<string, string?> { ["outcome"] = "fixed" }, Anna, Minutes(15)));
        inquiry.Decide(Close() with { Topic = topic }).ShouldHaveSingleItem();
    }

    [Fact]
    public void Closing_needs_a_resolution()
    {
        Should.Throw<ValidationFailedException>(() => Processed().Decide(Close() with { Resolution = "" }))
            .Errors.Keys.ShouldBe(["resolution"]);
    }

    [Fact]
    public void Reopening_a_closed_inquiry_puts_it_back_in_work_by_whoever_reopened_it()
    {
        var inquiry = Closed();

        inquiry.Run(new ReopenInquiry("Customer called again", Boris, Minutes(30))).ShouldHaveSingleItem()
            .ShouldBe(new InquiryReopened("Customer called again", Boris, Minutes(30)));

        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.InWork),
            i => i.Assignee.ShouldBe(Boris),
            i => i.Resolution.ShouldBeNull(),
            i => i.ClosedAt.ShouldBeNull(),
            i => i.ReopenCount.ShouldBe(1));
    }

    [Fact]
    public void A_reopened_inquiry_gets_its_steps_deadline_again_and_starts_again_from_no_escalation()
    {
        var inquiry = Closed();
        var breachedDue = inquiry.SlaDueAt!.Value;

        inquiry.Run(new ReopenInquiry("Customer called again", Boris, Minutes(300)) { SlaDueAt = Minutes(420) }).ShouldHaveSingleItem()
            .ShouldBe(new InquiryReopened("Customer called again", Boris, Minutes(300), Minutes(420)));

        inquiry.SlaDueAt.ShouldBe(Minutes(420));
        inquiry.SlaEscalationLevel.ShouldBe(0);
        inquiry.Decide(new RecordSlaEscalation("first_line", breachedDue, 1, [], Actor.System, Minutes(301))).ShouldBeEmpty("the old deadline is no longer current");
        inquiry.Decide(new RecordSlaEscalation("first_line", Minutes(420), 1, [], Actor.System, Minutes(480))).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_reopening_deadline_must_be_later_than_the_reopening()
    {
        Should.Throw<ValidationFailedException>(() => Closed().Decide(new ReopenInquiry("again", Boris, Minutes(300)) { SlaDueAt = Minutes(300) }))
            .Errors.Keys.ShouldBe(["slaDueAt"]);
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.InWork)]
    [InlineData(InquiryStatus.Processed)]
    [InlineData(InquiryStatus.Archived)]
    public void Only_a_closed_inquiry_can_be_reopened(InquiryStatus status)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(new ReopenInquiry("again", Anna, Minutes(30))))
            .Message.ShouldBe($"The inquiry is {status.Describe()}; only a closed inquiry can be reopened.");
    }

    [Fact]
    public void Reopening_needs_a_reason_and_a_person()
    {
        Should.Throw<ValidationFailedException>(() => Closed().Decide(new ReopenInquiry("", Actor.System, Minutes(30))))
            .Errors.Keys.ShouldBe(["reason", "by"], ignoreOrder: true);
    }

    [Fact]
    public void A_closed_inquiry_can_be_archived_once()
    {
        var inquiry = Closed();

        inquiry.Run(new ArchiveInquiry(Actor.System, Minutes(40))).ShouldHaveSingleItem().ShouldBe(new InquiryArchived(Actor.System, Minutes(40)));

        inquiry.Status.ShouldBe(InquiryStatus.Archived);
        inquiry.Decide(new ArchiveInquiry(Actor.System, Minutes(41))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Waiting)]
    [InlineData(InquiryStatus.InWork)]
    [InlineData(InquiryStatus.Processed)]
    public void Only_a_closed_inquiry_can_be_archived(InquiryStatus status)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(new ArchiveInquiry(Actor.System, Minutes(40))))
            .Message.ShouldBe($"The inquiry is {status.Describe()}; only a closed inquiry can be archived.");
    }
}
