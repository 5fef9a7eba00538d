using Ktp.Domain.Inquiries;
using Ktp.Domain.Routing;
using Ktp.Domain.Sla;

namespace Ktp.Infrastructure.Projects.Contracts;

/// <summary>The SLA settings document of a project: policies per topic/step and the working calendar.</summary>
public sealed record SlaSettings(IReadOnlyList<SlaPolicyDocument> Policies, CalendarDocument Calendar)
{
    public static SlaSettings Default => new([], CalendarDocument.Default);
}

/// <param name="Escalations">Level 1 first; null when the policy has none (as in documents stored before escalations existed).</param>
public sealed record SlaPolicyDocument(string TopicCode, string? ProcessCode, double DurationHours, double WarnBeforeHours,
    IReadOnlyList<EscalationDocument>? Escalations = null)
{
    /// <exception cref="Domain.Common.ValidationFailedException">What the domain refuses, keyed by the domain's field names.</exception>
    public SlaPolicy ToPolicy() => new(TopicCode, ProcessCode, TimeSpan.FromHours(DurationHours), TimeSpan.FromHours(WarnBeforeHours),
        Escalations?.Select(e => e.ToStep()).ToList());
}

/// <summary>An escalation level: <see cref="AfterHours"/> working hours past the deadline, notify these roles and users.</summary>
/// <param name="Roles">Role names: their holders who work the project (members) or configure projects are notified.</param>
/// <param name="UserIds">Ids of users notified by name.</param>
public sealed record EscalationDocument(double AfterHours, IReadOnlyList<string> Roles, IReadOnlyList<string> UserIds)
{
    public EscalationStep ToStep() => new(TimeSpan.FromHours(AfterHours),
        [.. (Roles ?? []).Select(EscalationTarget.Role), .. (UserIds ?? []).Select(EscalationTarget.User)]);
}

/// <summary>Working hours per weekday as "09:00-18:00" intervals, holidays, extra working days.</summary>
public sealed record CalendarDocument(string TimeZone, IReadOnlyDictionary<DayOfWeek, string[]> Week, IReadOnlyList<DateOnly> Holidays,
    IReadOnlyDictionary<DateOnly, string[]>? ExtraWorkingDays = null)
{
    public static CalendarDocument Default => new("Europe/Moscow",
        new Dictionary<DayOfWeek, string[]>
        {
            [DayOfWeek.Monday] = ["09:00-18:00"], [DayOfWeek.Tuesday] = ["09:00-18:00"], [DayOfWeek.Wednesday] = ["09:00-18:00"],
            [DayOfWeek.Thursday] = ["09:00-18:00"], [DayOfWeek.Friday] = ["09:00-18:00"],
        }, []);

    public BusinessCalendar ToCalendar() => new(TimeZone,
        Week.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingInterval>)d.Value.Select(WorkingInterval.Parse).ToList()),
        Holidays,
        ExtraWorkingDays?.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingInterval>)d.Value.Select(WorkingInterval.Parse).ToList()));

    public SlaPolicies Policies(IEnumerable<SlaPolicyDocument> docs) => new(docs.Select(d => d.ToPolicy()));
}

public sealed record ProjectConfig(
    Guid ProjectId, string Name, TopicCatalog Topics, RouteDefinition? Route, SlaPolicies Sla, BusinessCalendar Calendar,
    PrioritiesDocument Priorities, long AttachmentMaxBytes, int ArchiveAfterDays);
