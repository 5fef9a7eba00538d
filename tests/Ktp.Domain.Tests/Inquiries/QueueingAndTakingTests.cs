using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class QueueingAndTakingTests
{
    private static QueueInquiry QueueTo(string queue, string process = "first_line", DateTimeOffset? due = null) =>
        new(queue, process, due, Actor.System, Minutes(10));

    [Fact]
    public void Queueing_a_registered_inquiry_makes_it_wait_in_the_queue_with_the_steps_deadline()
    {
        var inquiry = Registered();

        inquiry.Run(QueueTo(FrontOffice, due: Minutes(70))).ShouldHaveSingleItem()
            .ShouldBe(new InquiryQueued(FrontOffice, "first_line", Minutes(70), Actor.System, Minutes(10)));

        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Waiting),
            i => i.QueueCode.ShouldBe(FrontOffice),
            i => i.ProcessCode.ShouldBe("first_line"),
            i => i.SlaDueAt.ShouldBe(Minutes(70)));
    }

    [Fact]
    public void A_processed_inquiry_is_queued_for_the_next_step_of_its_route()
    {
        var inquiry = Processed();

        inquiry.Run(QueueTo(BackOffice, "back_office"));

        inquiry.ShouldSatisfyAllConditions(
            i => i.Status.ShouldBe(InquiryStatus.Waiting),
            i => i.ProcessCode.ShouldBe("back_office"),
            i => i.Assignee.ShouldBeNull(),
            i => i.Result.ShouldBeNull());
    }

    [Fact]
    public void A_waiting_inquiry_can_be_queued_again_elsewhere_but_the_same_queue_again_changes_nothing()
    {
        Waiting().Decide(QueueTo(BackOffice)).ShouldHaveSingleItem();
        Waiting().Decide(new QueueInquiry(FrontOffice, "first_line", Minutes(60), Actor.System, Minutes(10))).ShouldBeEmpty();
    }

    [Fact]
    public void Queueing_an_inquiry_in_work_is_refused_in_favour_of_transfer()
    {
        Should.Throw<InquiryException>(() => InWorkBy(Anna).Decide(QueueTo(BackOffice)))
            .Message.ShouldBe("The inquiry is in work by Anna; transfer it instead of queueing it.");
    }

    [Theory]
    [InlineData(InquiryStatus.Closed, "The inquiry is closed; it cannot be queued.")]
    [InlineData(InquiryStatus.Archived, "The inquiry is archived; it cannot be queued.")]
    public void Closed_and_archived_inquiries_cannot_be_queued(InquiryStatus status, string message)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(QueueTo(BackOffice))).Message.ShouldBe(message);
    }

    [Fact]
    public void Queueing_needs_the_process()
    {
        Should.Throw<ValidationFailedException>(() => Registered().Decide(QueueTo(FrontOffice, " ")))
            .Errors.Keys.ShouldBe(["processCode"]);
    }

    [Fact]
    public void Taking_a_waiting_inquiry_puts_it_in_work_by_the_taker()
    {
        var inquiry = Waiting();

        inquiry.Run(new TakeInquiry(Boris, Minutes(5))).ShouldHaveSingleItem().ShouldBe(new InquiryTaken(Boris, Minutes(5)));

        inquiry.Status.ShouldBe(InquiryStatus.InWork);
        inquiry.Assignee.ShouldBe(Boris);
    }

    [Fact]
    public void Taking_an_inquiry_in_work_by_someone_else_is_refused()
    {
        Should.Throw<InquiryException>(() => InWorkBy(Anna).Decide(new TakeInquiry(Boris, Minutes(5))))
            .Message.ShouldBe("The inquiry is already taken by Anna.");
    }

    [Fact]
    public void Taking_an_inquiry_one_already_has_in_work_changes_nothing()
    {
        InWorkBy(Anna).Decide(new TakeInquiry(Anna, Minutes(5))).ShouldBeEmpty();
    }

    [Fact]
    public void Of_two_operators_taking_the_same_inquiry_exactly_one_wins()
    {
        var seenByAnna = Waiting();
        var seenByBoris = Waiting();

        // Both decide on version 2; the store accepts the first append at that version and rejects the second.
        var annas = seenByAnna.Decide(new TakeInquiry(Anna, Minutes(5)) with { ExpectedVersion = 2 });
        seenByBoris.Decide(new TakeInquiry(Boris, Minutes(5)) with { ExpectedVersion = 2 }).ShouldHaveSingleItem();

        // Boris retries on the stored stream, now holding Anna's take: refused, by version or by state.
        var stored = Waiting();
        foreach (var e in annas) stored.Apply(e);
        Should.Throw<StaleInquiryException>(() => stored.Decide(new TakeInquiry(Boris, Minutes(6)) with { ExpectedVersion = 2 }));
        Should.Throw<InquiryException>(() => stored.Decide(new TakeInquiry(Boris, Minutes(6))))
            .Message.ShouldBe("The inquiry is already taken by Anna.");
    }

    [Theory]
    [InlineData(InquiryStatus.Registered)]
    [InlineData(InquiryStatus.Processed)]
    [InlineData(InquiryStatus.Closed)]
    [InlineData(InquiryStatus.Archived)]
    public void Only_a_waiting_inquiry_can_be_taken(InquiryStatus status)
    {
        var state = InState(status);

        Should.Throw<InquiryException>(() => state.Decide(new TakeInquiry(Boris, Minutes(5))))
            .Message.ShouldBe($"The inquiry is {status.Describe()}; only a waiting inquiry can be taken.");
    }

    [Fact]
    public void The_system_cannot_take_an_inquiry()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new TakeInquiry(Actor.System, Minutes(5))));
    }
}
