using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>The SLA settings as the editor holds them; <see cref="ToSettings"/> gives the stored document.</summary>
public sealed class SlaDraft
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>Working hours per weekday as "09:00-13:00, 14:00-18:00"; blank is a day off.</summary>
    public Dictionary<DayOfWeek, string> Hours { get; set; } = [];

    public List<DateTime> Holidays { get; set; } = [];
    public List<ExtraDayDraft> ExtraDays { get; set; } = [];
    public List<PolicyDraft> Policies { get; set; } = [];

    public static SlaDraft From(SlaSettings settings) => new()
    {
        TimeZone = settings.Calendar.TimeZone,
        Hours = Week.ToDictionary(d => d, d => settings.Calendar.Week.TryGetValue(d, out var hours) ? string.Join(", ", hours) : ""),
        Holidays = [.. settings.Calendar.Holidays.Order().Select(d => d.ToDateTime(TimeOnly.MinValue))],
        ExtraDays = [.. (settings.Calendar.ExtraWorkingDays ?? new Dictionary<DateOnly, string[]>()).OrderBy(d => d.Key)
            .Select(d => new ExtraDayDraft { Date = d.Key.ToDateTime(TimeOnly.MinValue), Hours = string.Join(", ", d.Value) })],
        Policies = [.. settings.Policies.Select(p => new PolicyDraft
        {
            TopicCode = p.TopicCode, ProcessCode = p.ProcessCode, DurationHours = p.DurationHours, WarnBeforeHours = p.WarnBeforeHours,
            Escalations = [.. (p.Escalations ?? []).Select(EscalationDraft.From)],
        })],
    };

    public SlaSettings ToSettings() => new(
        [.. Policies.Select(p => new SlaPolicyDocument(p.TopicCode ?? "", string.IsNullOrWhiteSpace(p.ProcessCode) ? null : p.ProcessCode,
            p.DurationHours, p.WarnBeforeHours, p.Escalations.Count == 0 ? null : [.. p.Escalations.Select(e => e.ToDocument())]))],
        new CalendarDocument(TimeZone.Trim(),
            Hours.Where(h => !string.IsNullOrWhiteSpace(h.Value)).ToDictionary(h => h.Key, h => Split(h.Value)),
            [.. Holidays.Select(DateOnly.FromDateTime).Distinct().Order()],
            ExtraDays.Count == 0 ? null : ExtraDays.GroupBy(d => DateOnly.FromDateTime(d.Date))
                .ToDictionary(g => g.Key, g => g.SelectMany(d => Split(d.Hours)).ToArray())));

    private static string[] Split(string hours) => hours.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

public sealed class ExtraDayDraft
{
    public DateTime Date { get; set; } = DateTime.Today;
    public string Hours { get; set; } = "09:00-18:00";
}

public sealed class PolicyDraft
{
    /// <summary>The topic's id as text.</summary>
    public string? TopicCode { get; set; }

    /// <summary>The route step; null for every step of the topic.</summary>
    public string? ProcessCode { get; set; }

    public double DurationHours { get; set; } = 8;
    public double WarnBeforeHours { get; set; } = 1;

    /// <summary>Level 1 first.</summary>
    public List<EscalationDraft> Escalations { get; set; } = [];

    /// <summary>A new last level, an hour after the one before.</summary>
    public void AddEscalation() => Escalations.Add(new EscalationDraft { AfterHours = (Escalations.Count == 0 ? 0 : Escalations[^1].AfterHours) + 1 });
}

public sealed class EscalationDraft
{
    /// <summary>Working hours past the deadline.</summary>
    public double AfterHours { get; set; } = 1;

    public IEnumerable<string> Roles { get; set; } = [];

    /// <summary>User ids as text.</summary>
    public IEnumerable<string> UserIds { get; set; } = [];

    public static EscalationDraft From(EscalationDocument level) =>
        new() { AfterHours = level.AfterHours, Roles = [.. level.Roles ?? []], UserIds = [.. level.UserIds ?? []] };

    public EscalationDocument ToDocument() => new(AfterHours, [.. Roles], [.. UserIds]);
}
