namespace Ktp.Domain.Billing;

/// <summary>A plan offered by the platform, with its price versions (each in the plan's single currency).</summary>
public sealed class Plan
{
    private readonly List<PlanVersion> _versions;

    public Plan(string id, string name, IEnumerable<PlanVersion> versions)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new BillingException("A plan needs an id.");
        if (string.IsNullOrWhiteSpace(name)) throw new BillingException($"Plan '{id}' needs a name.");
        _versions = [.. versions.OrderBy(v => v.Version)];
        if (_versions.Count == 0) throw new BillingException($"Plan '{id}' needs at least one price version.");
        foreach (var v in _versions)
        {
            if (v.PlanId != id) throw new BillingException($"Version {v} does not belong to plan '{id}'.");
            if (v.Currency != _versions[0].Currency) throw new CurrencyMismatchException(_versions[0].Currency, v.Currency);
        }
        for (var i = 1; i < _versions.Count; i++)
        {
            if (_versions[i].Version == _versions[i - 1].Version)
                throw new BillingException($"Plan '{id}' has version {_versions[i].Version} twice.");
            if (_versions[i].EffectiveFrom <= _versions[i - 1].EffectiveFrom)
                throw new BillingException($"Plan '{id}' version {_versions[i].Version} must take effect after version {_versions[i - 1].Version}.");
        }
        Id = id;
        Name = name;
    }

    public string Id { get; }
    public string Name { get; }
    public Currency Currency => _versions[0].Currency;
    public IReadOnlyList<PlanVersion> Versions => _versions;
    public PlanVersion Latest => _versions[^1];

    /// <exception cref="BillingException">The plan has no such version.</exception>
    public PlanVersion Version(int version) =>
        _versions.Find(v => v.Version == version)
        ?? throw new BillingException($"Plan '{Id}' has no version {version}.");

    /// <summary>The version whose prices are current on <paramref name="day"/>.</summary>
    /// <exception cref="BillingException">No version of the plan is in effect yet on that day.</exception>
    public PlanVersion VersionOn(DateOnly day) =>
        _versions.LastOrDefault(v => v.EffectiveFrom <= day)
        ?? throw new BillingException($"Plan '{Id}' has no price in effect on {day:yyyy-MM-dd}.");
}

/// <summary>The plans on offer, looked up by id.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan> _plans = new(StringComparer.Ordinal);

    public PlanCatalog(IEnumerable<Plan> plans)
    {
        foreach (var plan in plans)
            if (!_plans.TryAdd(plan.Id, plan)) throw new BillingException($"Plan '{plan.Id}' is listed twice.");
    }

    public IReadOnlyCollection<Plan> Plans => _plans.Values;

    /// <exception cref="BillingException">Unknown plan.</exception>
    public Plan Get(string planId) =>
        _plans.TryGetValue(planId, out var plan) ? plan : throw new BillingException($"Unknown plan '{planId}'.");

    /// <exception cref="BillingException">Unknown plan or version.</exception>
    public PlanVersion Get(string planId, int version) => Get(planId).Version(version);
}
