using Ktp.Domain.Billing;

namespace Ktp.Domain.Tests.Billing;

internal static class BillingTestData
{
    public static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Money Rub(decimal amount) => Money.Of(amount, Currency.RUB);

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    /// <summary>1500 RUB per seat a month; 1000 call minutes included, 1.50 RUB a minute beyond.</summary>
    public static PlanVersion Standard(int trialDays = 0, int version = 1, DateOnly? effectiveFrom = null) =>
        new("standard", version, effectiveFrom ?? new DateOnly(2025, 1, 1), Rub(1500m), trialDays,
            new Dictionary<UsageKind, UsageAllowance>
            {
                [UsageKind.CallMinutes] = new(1000m, 1.50m),
                [UsageKind.Messages] = new(5000m, 0.10m),
                [UsageKind.StorageGb] = new(50m, 12m),
                [UsageKind.ApiCalls] = new(10000m, 0.004m),
            });

    public static PlanVersion Pro(int version = 1) =>
        new("pro", version, new DateOnly(2025, 1, 1), Rub(3000m), 0,
            new Dictionary<UsageKind, UsageAllowance> { [UsageKind.CallMinutes] = new(5000m, 1.00m) });

    public static readonly IReadOnlyDictionary<UsageKind, decimal> NoUsage = new Dictionary<UsageKind, decimal>();

    /// <summary>An account opened on 1 June 2025 on <see cref="Standard"/> without trial.</summary>
    public static Account Opened(PlanVersion? plan = null, DateOnly? startsOn = null) =>
        Given(Open(plan, startsOn));

    public static OpenAccount Open(PlanVersion? plan = null, DateOnly? startsOn = null) =>
        new(plan ?? Standard(), startsOn ?? new DateOnly(2025, 6, 1), Noon);

    /// <summary>Decides the command on the state and applies the events, returning them.</summary>
    public static IReadOnlyList<object> Run(this Account state, object command)
    {
        var events = AccountDecisions.Decide(state, command);
        foreach (var e in events) state.Apply(e);
        return events;
    }

    public static Account Given(params object[] commands)
    {
        var account = new Account();
        foreach (var c in commands) account.Run(c);
        return account;
    }
}
