using System.Text.Json;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Benchmarks;

public sealed record BenchCustomer(Guid Id, string Name, string Phone, string? Email, string? Contract, string Category, bool Vip)
{
    public CustomerFacts Facts => new(Category, Vip);
}

/// <summary>One seeded tenant: its project (documents and the config built from them), operators and customers.</summary>
public sealed class SeedTenant
{
    public required int Index { get; init; }
    public required Guid TenantId { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required int Inquiries { get; init; }

    private long _lastInquiryNumber;

    /// <summary>Generating threads share a tenant: numbers are unique per tenant, not in time order.</summary>
    public long NextInquiryNumber() => Interlocked.Increment(ref _lastInquiryNumber);
    public required Guid ProjectId { get; init; }
    public required string ProjectName { get; init; }
    public required string TopicsJson { get; init; }
    public required string SlaJson { get; init; }
    public required string RouteJson { get; init; }
    public required ProjectConfig Config { get; init; }
    public required Actor Admin { get; init; }
    public required Actor[] Operators { get; init; }
    public required BenchCustomer[] Customers { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public Ktp.Domain.Routing.RouteDefinition Route => Config.Route!;
}

/// <summary>
/// Tenant sizes follow Zipf's law (weight 1/rank): with 1,000 tenants and 1,000,000 inquiries the biggest
/// has about 134,000, the tenth about 13,000, the smallest about 130; the ten biggest hold ~39 %.
/// </summary>
public static class InquiryBenchTenants
{
    public const double ZipfExponent = 1.0;
    public const int ArchiveAfterDays = 365; // nothing closed within the 90 seeded days is due for archiving

    public static int[] Sizes(int tenants, long inquiries)
    {
        var weights = Enumerable.Range(1, tenants).Select(r => 1 / Math.Pow(r, ZipfExponent)).ToArray();
        var total = weights.Sum();
        var exact = weights.Select(w => inquiries * w / total).ToArray();
        var sizes = exact.Select(e => Math.Max(1, (int)Math.Floor(e))).ToArray();
        var left = inquiries - sizes.Sum(s => (long)s);
        // Largest remainders get the rest (or give back, when the minimum of 1 overshot).
        var order = exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).Select(x => x.i).ToArray();
        for (var k = 0; left != 0; k = (k + 1) % tenants)
        {
            var i = order[k];
            if (left > 0) { sizes[i]++; left--; }
            else if (sizes[i] > 1) { sizes[i]--; left++; }
        }
        return sizes;
    }

    public static List<SeedTenant> Create(int tenants, long inquiries, DateTimeOffset now, int seed)
    {
        var sizes = Sizes(tenants, inquiries);
        var rng = new Random(seed);
        var list = new List<SeedTenant>(tenants);
        for (var i = 0; i < tenants; i++)
        {
            var n = sizes[i];
            var createdAt = now.AddDays(-100 - rng.Next(0, 200));
            var tenantId = Guid.CreateVersion7(createdAt);
            var projectId = Guid.CreateVersion7(createdAt.AddHours(1));
            var topics = InquiryBenchCatalog.Topics();
            var sla = InquiryBenchCatalog.Sla(topics, roundTheClock: rng.NextDouble() < 0.3);
            var route = InquiryBenchCatalog.Route();
            var topicsJson = JsonSerializer.Serialize(topics, EventTypeRegistry.Json);
            var slaJson = JsonSerializer.Serialize(sla, EventTypeRegistry.Json);
            var routeJson = JsonSerializer.Serialize(route, EventTypeRegistry.Json);
            var projectName = $"Линия поддержки {i + 1}";
            var operators = Enumerable.Range(1, Math.Clamp(n / 1500, 3, 80))
                .Select(k => new Actor(Guid.CreateVersion7(createdAt.AddHours(2)), $"{FirstNames[rng.Next(FirstNames.Length)]} {LastNames[rng.Next(LastNames.Length)]} ({k})"))
                .ToArray();
            var customers = Enumerable.Range(0, Math.Max(10, n / 3)).Select(_ => Customer(rng, createdAt)).ToArray();
            list.Add(new SeedTenant
            {
                Index = i,
                TenantId = tenantId,
                Slug = $"bench-{i + 1:D4}",
                Name = $"Контакт-центр {i + 1}",
                Inquiries = n,
                ProjectId = projectId,
                ProjectName = projectName,
                TopicsJson = topicsJson,
                SlaJson = slaJson,
                RouteJson = routeJson,
                Config = InquiryBenchCatalog.Config(projectId, projectName, topicsJson, slaJson, routeJson, ArchiveAfterDays),
                Admin = new Actor(Guid.CreateVersion7(createdAt), "Администратор"),
                Operators = operators,
                Customers = customers,
                CreatedAt = createdAt,
            });
        }
        return list;
    }

    private static BenchCustomer Customer(Random rng, DateTimeOffset createdAt)
    {
        var category = InquiryBenchCatalog.Pick(["private", "business", "government"], [0.8, 0.17, 0.03], rng);
        var name = category == "private"
            ? $"{LastNames[rng.Next(LastNames.Length)]} {FirstNames[rng.Next(FirstNames.Length)]}"
            : $"ООО «{Companies[rng.Next(Companies.Length)]}-{rng.Next(1, 999)}»";
        var phone = $"+79{rng.Next(10, 99)}{rng.Next(1000000, 9999999)}";
        return new BenchCustomer(Guid.CreateVersion7(createdAt.AddMinutes(rng.Next(0, 100_000))), name, phone,
            rng.NextDouble() < 0.3 ? $"client{rng.Next(1, 9_999_999)}@example.ru" : null,
            rng.NextDouble() < 0.8 ? $"Д-{rng.Next(100000, 999999)}" : null,
            category, rng.NextDouble() < 0.05);
    }

    private static readonly string[] FirstNames = ["Анна", "Мария", "Елена", "Ольга", "Иван", "Сергей", "Алексей", "Дмитрий", "Наталья", "Павел", "Ксения", "Артём"];
    private static readonly string[] LastNames = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов", "Волкова", "Павлов", "Фёдорова"];
    private static readonly string[] Companies = ["Вектор", "Сфера", "Альфа-Трейд", "Северсталь-Сервис", "Горизонт", "Меридиан", "Прогресс", "Техносила"];
}
