using Ktp.Domain.Common;

namespace Ktp.Domain.Sla;

/// <summary>
/// The SLA ("регламент") of one step of inquiries on a topic: the step must be done within
/// <see cref="Duration"/> of working time; it is at risk within <see cref="WarnBefore"/> of the deadline;
/// once overdue, each <see cref="Escalations"/> level is raised after its own working time past the deadline.
/// </summary>
public sealed record SlaPolicy
{
    /// <param name="processCode">The route process (step) the SLA times; null for the topic's default for every step.</param>
    /// <exception cref="ValidationFailedException">Missing topic, non-positive duration, warning not inside the duration, escalations out of order or without anyone to notify.</exception>
    public SlaPolicy(string topicCode, string? processCode, TimeSpan duration, TimeSpan warnBefore, IReadOnlyList<EscalationStep>? escalations = null)
    {
        var steps = escalations?.ToArray() ?? [];
        var errors = new Validation()
            .Require(!string.IsNullOrWhiteSpace(topicCode), nameof(TopicCode), "Choose a topic.")
            .Require(processCode is null || !string.IsNullOrWhiteSpace(processCode), nameof(ProcessCode), "Choose a process, or none for every step.")
            .Require(duration > TimeSpan.Zero, nameof(Duration), "The SLA duration must be positive.")
            .Require(warnBefore >= TimeSpan.Zero && warnBefore < duration, nameof(WarnBefore), "The warning must come after the step starts and before its deadline.");
        for (var i = 0; i < steps.Length; i++)
        {
            var field = $"{nameof(Escalations)}[{i}]";
            errors.Require(steps[i].AfterDue >= TimeSpan.Zero, $"{field}.{nameof(EscalationStep.AfterDue)}", "An escalation cannot come before the deadline.");
            errors.Require(i == 0 || steps[i].AfterDue > steps[i - 1].AfterDue, $"{field}.{nameof(EscalationStep.AfterDue)}", "Each escalation level must come later than the one before.");
            errors.Require(steps[i].Notify.Count > 0, $"{field}.{nameof(EscalationStep.Notify)}", "Say whom to notify.");
        }
        errors.ThrowIfInvalid();
        (TopicCode, ProcessCode, Duration, WarnBefore, Escalations) = (topicCode, processCode, duration, warnBefore, steps);
    }

    public string TopicCode { get; }
    public string? ProcessCode { get; }
    public TimeSpan Duration { get; }
    public TimeSpan WarnBefore { get; }

    /// <summary>Level 1 first; each comes later than the one before.</summary>
    public IReadOnlyList<EscalationStep> Escalations { get; }
}

/// <summary>Escalation level: once <paramref name="AfterDue"/> of working time has passed since the deadline, notify <paramref name="Notify"/>.</summary>
public sealed record EscalationStep(TimeSpan AfterDue, IReadOnlyList<EscalationTarget> Notify)
{
    private readonly IReadOnlyList<EscalationTarget> _notify = [.. Notify ?? []];

    public IReadOnlyList<EscalationTarget> Notify { get => _notify; init => _notify = [.. value ?? []]; }
}

/// <summary>Who is notified: everyone holding a role (in the inquiry's project), or one user.</summary>
public sealed record EscalationTarget(EscalationTargetKind Kind, string Id)
{
    public static EscalationTarget Role(string role) => new(EscalationTargetKind.Role, role);
    public static EscalationTarget User(string userId) => new(EscalationTargetKind.User, userId);
}

public enum EscalationTargetKind { Role, User }

/// <summary>A tenant's SLA policies, found by topic and step.</summary>
public sealed class SlaPolicies
{
    private readonly Dictionary<(string Topic, string Process), SlaPolicy> _policies = [];

    /// <exception cref="ValidationFailedException">Two policies for the same topic and step.</exception>
    public SlaPolicies(IEnumerable<SlaPolicy> policies)
    {
        foreach (var policy in policies)
            if (!_policies.TryAdd((policy.TopicCode, policy.ProcessCode ?? ""), policy))
                throw new ValidationFailedException(nameof(SlaPolicy.ProcessCode),
                    $"Topic '{policy.TopicCode}' has two SLA policies for {(policy.ProcessCode is null ? "every step" : $"step '{policy.ProcessCode}'")}.");
    }

    /// <summary>The topic's policy for the step, else its policy for every step, else none (the step is not timed).</summary>
    public SlaPolicy? Find(string topicCode, string processCode) =>
        _policies.GetValueOrDefault((topicCode, processCode)) ?? _policies.GetValueOrDefault((topicCode, ""));
}
