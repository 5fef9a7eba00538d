using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using static Ktp.Domain.Tests.Inquiries.InquiryTestData;

namespace Ktp.Domain.Tests.Inquiries;

public class SlaEscalationTests
{
    // Waiting() is due at Minutes(60).
    private static RecordSlaEscalation Escalate(int level, int atMinute = 120, int dueMinute = 60, params string[] notified) =>
        new("first_line", Minutes(dueMinute), level, notified, Actor.System, Minutes(atMinute));

    [Fact]
    public void An_escalation_level_is_recorded_with_whom_it_notified()
    {
        var inquiry = Waiting();

        var escalated = inquiry.Run(Escalate(1, notified: ["Maria", "Boris"])).ShouldHaveSingleItem().ShouldBeOfType<SlaEscalated>();

        (escalated.Step, escalated.DueAt, escalated.Level, escalated.By, escalated.At).ShouldBe(("first_line", Minutes(60), 1, Actor.System, Minutes(120)));
        escalated.Notified.ShouldBe(["Maria", "Boris"]);
        inquiry.SlaEscalationLevel.ShouldBe(1);
    }

    [Fact]
    public void Each_level_of_a_deadline_is_recorded_once()
    {
        var inquiry = Waiting();
        inquiry.Run(Escalate(1));
        inquiry.Run(Escalate(2, atMinute: 300)).ShouldHaveSingleItem();

        inquiry.Decide(Escalate(2, atMinute: 301)).ShouldBeEmpty();
        inquiry.Decide(Escalate(1, atMinute: 302)).ShouldBeEmpty();
        inquiry.SlaEscalationLevel.ShouldBe(2);
    }

    [Fact]
    public void A_deadline_that_is_no_longer_current_is_not_escalated()
    {
        var inquiry = Waiting();
        inquiry.Run(new ChangeSla(Minutes(180), "Customer is abroad", Maria, Minutes(10)) { ByManager = true });

        inquiry.Decide(Escalate(1, dueMinute: 60)).ShouldBeEmpty();
        inquiry.Decide(Escalate(1, atMinute: 200, dueMinute: 180)).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_new_deadline_starts_again_from_no_escalation()
    {
        var inquiry = Waiting();
        inquiry.Run(Escalate(2));

        inquiry.Run(new ChangeSla(Minutes(600), "Waiting for documents", Maria, Minutes(130)) { ByManager = true });
        inquiry.SlaEscalationLevel.ShouldBe(0);
        inquiry.Run(Escalate(1, atMinute: 700, dueMinute: 600)).ShouldHaveSingleItem();

        inquiry.Run(new QueueInquiry(BackOffice, "second_line", Minutes(900), Actor.System, Minutes(710)));
        inquiry.SlaEscalationLevel.ShouldBe(0);
    }

    [Fact]
    public void Requeueing_on_the_same_deadline_keeps_the_level_reached()
    {
        var inquiry = Waiting();
        inquiry.Run(Escalate(1));

        inquiry.Run(new QueueInquiry(FrontOffice, "first_line", Minutes(60), Actor.System, Minutes(130)));

        inquiry.SlaEscalationLevel.ShouldBe(1);
        inquiry.Decide(Escalate(1, atMinute: 140)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(InquiryStatus.Closed, "The inquiry is closed; it cannot be escalated.")]
    [InlineData(InquiryStatus.Archived, "The inquiry is archived; it cannot be escalated.")]
    public void Closed_and_archived_inquiries_are_not_escalated(InquiryStatus status, string message)
    {
        Should.Throw<InquiryException>(() => InState(status).Decide(Escalate(1))).Message.ShouldBe(message);
    }

    [Fact]
    public void An_escalation_needs_a_level_from_1_a_step_and_a_time_past_the_deadline()
    {
        Should.Throw<ValidationFailedException>(() => Waiting().Decide(new RecordSlaEscalation(" ", Minutes(60), 0, [], Actor.System, Minutes(59))))
            .Errors.Keys.Order().ShouldBe(["at", "level", "step"]);
    }

    [Fact]
    public void The_history_says_who_an_escalation_notified()
    {
        var inquiry = Waiting();
        var events = new List<object>();
        events.AddRange(inquiry.Run(Escalate(1)));
        events.AddRange(inquiry.Run(Escalate(2, atMinute: 300, notified: ["Maria", "Oleg"])));

        InquiryHistory.Describe((IInquiryEvent)events[0]).ShouldBe("Escalated to level 1; nobody to notify.");
        InquiryHistory.Describe((IInquiryEvent)events[1]).ShouldBe("Escalated to level 2: Maria, Oleg.");
        InquiryEventNames.All[typeof(SlaEscalated)].ShouldBe("inquiry.sla_escalated");
    }
}
