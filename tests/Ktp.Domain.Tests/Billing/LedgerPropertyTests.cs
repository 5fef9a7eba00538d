using System.Reflection;
using Ktp.Domain.Billing;
using static Ktp.Domain.Tests.Billing.BillingTestData;

namespace Ktp.Domain.Tests.Billing;

/// <summary>
/// Random sequences of commands, good and bad, against one account: whatever happens, the balance is the sum
/// of the ledger lines, payments credit once, days charge once, and refunds never exceed what was paid.
/// </summary>
public class LedgerPropertyTests
{
    private const int Sequences = 500;

    [Fact]
    public void Balance_always_equals_the_sum_of_ledger_entries_over_random_command_sequences()
    {
        var random = new Random(20250601);
        var accepted = 0;
        var refused = 0;
        var seen = new HashSet<Type>();
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var account = Opened(Standard(trialDays: random.Next(0, 3)));
            var events = new List<object>();
            var day = June1;
            var commands = random.Next(1, 80);
            for (var i = 0; i < commands; i++)
            {
                var command = RandomCommand(random, account, ref day);
                IReadOnlyList<object> decided;
                var balanceBefore = account.Balance;
                try
                {
                    decided = AccountDecisions.Decide(account, command);
                }
                catch (BillingException)
                {
                    refused++;
                    account.Balance.ShouldBe(balanceBefore);
                    continue;
                }
                accepted++;
                foreach (var e in decided) account.Apply(e);
                events.AddRange(decided);

                var ledger = AccountLedger.Entries(events);
                account.Balance.ShouldBe(AccountLedger.Sum(ledger, Currency.RUB), $"sequence {sequence}, command {i}: {command}");
            }
            AssertInvariants(account, events, sequence);
            seen.UnionWith(events.Select(e => e.GetType()));
        }
        accepted.ShouldBeGreaterThan(Sequences * 10);
        refused.ShouldBeGreaterThan(Sequences);
        seen.Count.ShouldBe(AccountEventNames.All.Count - 2); // every event but AccountOpened and PlanChanged
    }

    private static void AssertInvariants(Account account, List<object> events, int sequence)
    {
        var ledger = AccountLedger.Entries(events);
        var because = $"sequence {sequence}";

        // Rebuilding from the events gives the same state.
        var rebuilt = Account.From([AccountDecisions.Decide(new Account(), Open()).Single(), .. events]);
        rebuilt.Balance.ShouldBe(account.Balance, because);

        // A statement over everything closes at the balance.
        var statement = AccountStatement.For(ledger, Currency.RUB, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        statement.Closing.ShouldBe(account.Balance, because);
        (statement.Charges + statement.TopUps + statement.Refunds + statement.Adjustments).ShouldBe(account.Balance, because);

        // Every amount is exact in the currency's minor units.
        ledger.ShouldAllBe(e => decimal.Round(e.Amount.Amount, 2) == e.Amount.Amount, because);

        // A payment is credited once, a refund recorded once, a rating line charged once.
        events.OfType<AccountToppedUp>().GroupBy(e => e.PaymentId).ShouldAllBe(g => g.Count() == 1, because);
        events.OfType<AccountRefunded>().GroupBy(e => e.RefundId).ShouldAllBe(g => g.Count() == 1, because);
        events.OfType<AccountCharged>().GroupBy(e => e.SourceId).ShouldAllBe(g => g.Count() == 1, because);

        // Refunds never exceed what their payment brought in.
        foreach (var refunds in events.OfType<AccountRefunded>().GroupBy(r => r.PaymentId))
            refunds.Sum(r => r.Amount).ShouldBeLessThanOrEqualTo(events.OfType<AccountToppedUp>().Single(t => t.PaymentId == refunds.Key).Amount, because);

        // A credit that covers the debt resumes the account at once, so a suspended account is always in debt.
        if (account.Suspended) account.Balance.IsNegative.ShouldBeTrue(because);
    }

    private static readonly DateOnly June1 = new(2025, 6, 1);

    private static object RandomCommand(Random random, Account account, ref DateOnly day)
    {
        var at = At(day);
        switch (random.Next(0, 100))
        {
            case < 30:
                var charged = new ChargeDay(day, Standard(), random.Next(0, 6), RandomUsage(random), at);
                if (random.Next(0, 4) > 0) day = day.AddDays(1); // sometimes the same day again
                return charged;
            case < 55:
                return new TopUp(RandomMoney(random, allowBad: true), "stripe", $"cs_{random.Next(0, 40)}", at);
            case < 68:
                return new Refund(RandomMoney(random, allowBad: true), "stripe", $"cs_{random.Next(0, 40)}",
                    $"re_{random.Next(0, 40)}", random.Next(0, 10) == 0 ? "" : "Requested by the tenant", at);
            case < 85:
                var amount = RandomMoney(random, allowBad: true);
                return new Adjust(random.Next(0, 2) == 0 ? amount : amount.Negate(),
                    random.Next(0, 10) == 0 ? "" : "Correction", "admin", at);
            case < 93:
                return new CheckGracePeriod(at.AddDays(random.Next(0, 10)), random.Next(0, 8));
            default:
                return new NotifyLowBalance(Rub(random.Next(0, 5) * 250m), at);
        }
    }

    private static Dictionary<UsageKind, decimal> RandomUsage(Random random) => new()
    {
        [UsageKind.CallMinutes] = random.Next(0, 1400),
        [UsageKind.Messages] = random.Next(0, 6000),
        [UsageKind.StorageGb] = random.Next(0, 700) / 10m,
        [UsageKind.ApiCalls] = random.Next(0, 12000),
    };

    // Kopecks as an integer, divided exactly; sometimes zero, a third decimal or another currency.
    private static Money RandomMoney(Random random, bool allowBad)
    {
        var kopecks = random.Next(0, 200_000);
        if (allowBad)
        {
            switch (random.Next(0, 20))
            {
                case 0: return Rub(0m);
                case 1: return Money.Of(kopecks / 100m, "USD");
                case 2:
                    try { return Money.Of(kopecks / 1000m + 0.001m, Currency.RUB); }
                    catch (BillingException) { return Rub(kopecks / 100m); }
            }
        }
        return Rub(kopecks / 100m);
    }
}

/// <summary>Money never passes through binary floating point anywhere in the billing domain.</summary>
public class NoFloatingPointInBillingTests
{
    private static readonly Type[] Floating = [typeof(double), typeof(float), typeof(Half)];

    [Fact]
    public void No_billing_type_has_a_float_or_double_field_property_parameter_or_return_value()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var billingTypes = typeof(Money).Assembly.GetTypes().Where(t => t.Namespace == typeof(Money).Namespace).ToList();
        billingTypes.Count.ShouldBeGreaterThan(20);

        var offenders = new List<string>();
        foreach (var type in billingTypes)
        {
            offenders.AddRange(type.GetFields(all).Where(f => IsFloating(f.FieldType)).Select(f => $"{type.Name}.{f.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => IsFloating(p.PropertyType)).Select(p => $"{type.Name}.{p.Name}"));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo m && IsFloating(m.ReturnType)) offenders.Add($"{type.Name}.{m.Name} returns");
                offenders.AddRange(method.GetParameters().Where(p => IsFloating(p.ParameterType)).Select(p => $"{type.Name}.{method.Name}({p.Name})"));
            }
        }
        offenders.ShouldBeEmpty();
    }

    private static bool IsFloating(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? (type.HasElementType ? type.GetElementType()! : type);
        return Floating.Contains(t) || (t.IsGenericType && t.GetGenericArguments().Any(IsFloating));
    }
}
