using Ktp.Domain.Common;

namespace Ktp.Domain.Routing;

/// <summary>
/// The published versions of one route, oldest first. Publishing adds a version and changes none:
/// an in-flight inquiry keeps resolving the (route id, version) it started on until it is moved explicitly.
/// </summary>
public sealed class RouteVersions
{
    private readonly IReadOnlyList<RouteDefinition> _versions;

    /// <exception cref="ArgumentException">The versions are empty, of another route, or not numbered 1, 2, 3…</exception>
    public RouteVersions(IEnumerable<RouteDefinition> versions)
    {
        _versions = [.. versions.OrderBy(v => v.Version)];
        if (_versions.Count == 0)
            throw new ArgumentException("A route needs at least one version.", nameof(versions));
        for (var i = 0; i < _versions.Count; i++)
        {
            if (_versions[i].RouteId != _versions[0].RouteId)
                throw new ArgumentException($"Version {_versions[i]} does not belong to route '{_versions[0].RouteId}'.", nameof(versions));
            if (_versions[i].Version != i + 1)
                throw new ArgumentException($"Route '{_versions[0].RouteId}' versions must be numbered 1, 2, 3…; found {_versions[i].Version} at position {i + 1}.", nameof(versions));
        }
    }

    public string RouteId => _versions[0].RouteId;
    public IReadOnlyList<RouteDefinition> Versions => _versions;
    public RouteDefinition Latest => _versions[^1];

    /// <summary>The first version of a new route, validated.</summary>
    /// <exception cref="ValidationFailedException">The definition is invalid, or is not numbered 1.</exception>
    public static RouteVersions First(RouteDefinition definition)
    {
        Validate(definition, expectedId: definition.RouteId, expectedVersion: 1);
        return new RouteVersions([definition]);
    }

    /// <summary>A new list with <paramref name="next"/> added; it must be valid and numbered <c>Latest.Version + 1</c>.</summary>
    /// <exception cref="ValidationFailedException">The definition is invalid, of another route, or wrongly numbered.</exception>
    public RouteVersions Publish(RouteDefinition next)
    {
        Validate(next, RouteId, Latest.Version + 1);
        return new RouteVersions([.. _versions, next]);
    }

    public RouteDefinition? Find(int version) => version >= 1 && version <= _versions.Count ? _versions[version - 1] : null;

    private static void Validate(RouteDefinition definition, string expectedId, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.RouteId != expectedId)
            throw new ValidationFailedException(nameof(definition.RouteId), $"This is a version of route '{expectedId}', not '{definition.RouteId}'.");
        if (definition.Version != expectedVersion)
            throw new ValidationFailedException(nameof(definition.Version), $"The next version of route '{expectedId}' is {expectedVersion}, not {definition.Version}.");
        RouteValidator.Validate(definition);
    }
}

/// <summary>All routes of a tenant, by id, with every version still resolvable.</summary>
public sealed class RouteCatalog
{
    private readonly Dictionary<string, RouteVersions> _routes = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">A route is listed twice.</exception>
    public RouteCatalog(IEnumerable<RouteVersions> routes)
    {
        foreach (var route in routes)
            if (!_routes.TryAdd(route.RouteId, route))
                throw new ArgumentException($"Route '{route.RouteId}' is listed twice.", nameof(routes));
    }

    public IReadOnlyCollection<RouteVersions> Routes => _routes.Values;

    /// <summary>The version a new inquiry starts on.</summary>
    /// <exception cref="RouteNotFoundException">No such route.</exception>
    public RouteDefinition Current(string routeId) =>
        _routes.TryGetValue(routeId, out var route) ? route.Latest : throw new RouteNotFoundException(routeId, null);

    /// <summary>The exact version an inquiry references, however many versions were published since.</summary>
    /// <exception cref="RouteNotFoundException">No such route or version.</exception>
    public RouteDefinition Resolve(string routeId, int version) =>
        (_routes.TryGetValue(routeId, out var route) ? route.Find(version) : null)
        ?? throw new RouteNotFoundException(routeId, version);

    public RouteDefinition Resolve(RouteRef reference) => Resolve(reference.RouteId, reference.Version);
}

/// <summary>A route or route version that does not exist was asked for.</summary>
public sealed class RouteNotFoundException(string routeId, int? version)
    : Exception(version is null ? $"There is no route '{routeId}'." : $"There is no version {version} of route '{routeId}'.")
{
    public string RouteId { get; } = routeId;
    public int? Version { get; } = version;
}
