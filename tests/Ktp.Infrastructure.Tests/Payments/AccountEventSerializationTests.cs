using Ktp.Domain.Billing;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>Account events go through the event store's registry and JSON unchanged, amounts to the last zero.</summary>
public class AccountEventSerializationTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    public static TheoryData<object> Samples() =>
    [
        new AccountOpened("RUB", "standard", 2, new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 15), At),
        new AccountCharged(32.26m, "RUB", "1 seat(s)", "rating", "2025-06-01/seats", new DateOnly(2025, 6, 1), null, 1m, At),
        new AccountCharged(0.01m, "RUB", "ApiCalls overage", "rating", "2025-06-01/ApiCalls", new DateOnly(2025, 6, 1), "ApiCalls", 3m, At),
        new AccountToppedUp(500.00m, "RUB", "stripe", "cs_test_1", At),
        new AccountRefunded(1.234m, "KWD", "asked", "stripe", "cs_test_1", "re_1", At),
        new AccountAdjusted(-10.50m, "RUB", "fix", "admin@ktp", At),
        new LowBalanceNotified(400.00m, 500.00m, "RUB", At),
        new AccountSuspended("negative", At.AddDays(-8), At),
        new AccountResumed("topped up", At),
        new PlanChanged("pro", 1, new DateOnly(2025, 7, 1), At),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Account_event_round_trips_through_the_registry(object @event)
    {
        var registry = new EventTypeRegistry();
        foreach (var (type, stored) in AccountEventNames.All) registry.Register(type, stored);

        var name = registry.NameOf(@event);
        var json = registry.Serialize(@event);
        var (readName, data) = registry.Deserialize(name, json);

        readName.ShouldBe(AccountEventNames.All[@event.GetType()]);
        data.ShouldBe(@event);
        json.ShouldNotContain("E-"); // amounts are written as exact decimals
    }

    [Fact]
    public void Amounts_keep_their_minor_units_in_json()
    {
        var json = EventTypeRegistry.Json;

        System.Text.Json.JsonSerializer.Serialize(new AccountToppedUp(500.00m, "RUB", "stripe", "cs", At), json).ShouldContain("\"amount\":500.00");
    }
}
