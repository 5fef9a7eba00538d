using Ktp.Domain.Common;
using Ktp.Domain.Sla;

namespace Ktp.Domain.Tests.Sla;

public class SlaPolicyTests
{
    private static readonly EscalationTarget Manager = EscalationTarget.Role("project_manager");

    [Fact]
    public void A_policy_needs_a_positive_duration_and_a_warning_inside_it()
    {
        Should.Throw<ValidationFailedException>(() => new SlaPolicy("t", null, TimeSpan.Zero, TimeSpan.Zero))
            .Errors.Keys.ShouldBe(["Duration", "WarnBefore"], ignoreOrder: true);
        Should.Throw<ValidationFailedException>(() => new SlaPolicy("t", null, TimeSpan.FromHours(4), TimeSpan.FromHours(4)))
            .Errors.Keys.ShouldBe(["WarnBefore"]);
        Should.Throw<ValidationFailedException>(() => new SlaPolicy(" ", " ", TimeSpan.FromHours(4), TimeSpan.FromHours(1)))
            .Errors.Keys.ShouldBe(["TopicCode", "ProcessCode"], ignoreOrder: true);
    }

    [Fact]
    public void Escalation_levels_come_one_after_another_and_notify_someone()
    {
        var error = Should.Throw<ValidationFailedException>(() => new SlaPolicy("t", null, TimeSpan.FromHours(4), TimeSpan.FromHours(1),
        [
            new(TimeSpan.FromHours(2), [Manager]),
            new(TimeSpan.FromHours(2), [Manager]),
            new(TimeSpan.FromHours(-1), []),
        ]));

        error.Errors["Escalations[1].AfterDue"].ShouldBe(["Each escalation level must come later than the one before."]);
        error.Errors["Escalations[2].AfterDue"].Length.ShouldBe(2);
        error.Errors["Escalations[2].Notify"].ShouldBe(["Say whom to notify."]);
    }

    [Fact]
    public void A_step_uses_its_own_policy_else_the_topic_default()
    {
        var topicDefault = new SlaPolicy("billing.refund", null, TimeSpan.FromHours(16), TimeSpan.FromHours(2));
        var investigation = new SlaPolicy("billing.refund", "investigation", TimeSpan.FromHours(8), TimeSpan.FromHours(1));
        var policies = new SlaPolicies([topicDefault, investigation]);

        policies.Find("billing.refund", "investigation").ShouldBeSameAs(investigation);
        policies.Find("billing.refund", "answer").ShouldBeSameAs(topicDefault);
        policies.Find("network.outage", "answer").ShouldBeNull();
    }

    [Fact]
    public void A_topic_has_one_policy_per_step()
    {
        var policy = new SlaPolicy("billing.refund", "answer", TimeSpan.FromHours(8), TimeSpan.FromHours(1));

        Should.Throw<ValidationFailedException>(() => new SlaPolicies([policy, policy]))
            .Message.ShouldBe("Topic 'billing.refund' has two SLA policies for step 'answer'.");
    }
}
