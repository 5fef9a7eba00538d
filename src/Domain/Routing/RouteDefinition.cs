namespace Ktp.Domain.Routing;

/// <summary>
/// One published version of a processing route ("маршрут обработки"): the processes an inquiry passes
/// through, from <see cref="StartProcess"/> until a transition sends it to <see cref="Transition.Close"/>.
/// A version never changes once published; an inquiry keeps the <see cref="RouteRef"/> it started on.
/// Check a definition with <see cref="RouteValidator.Validate"/> before saving it.
/// </summary>
public sealed record RouteDefinition(
    string RouteId,
    string Name,
    int Version,
    string StartProcess,
    IReadOnlyList<ProcessDefinition> Processes)
{
    private readonly IReadOnlyList<ProcessDefinition> _processes = [.. Processes ?? []];

    public IReadOnlyList<ProcessDefinition> Processes { get => _processes; init => _processes = [.. value ?? []]; }

    /// <summary>What an inquiry stores to say which route version it follows.</summary>
    public RouteRef Ref => new(RouteId, Version);

    /// <exception cref="ArgumentException">The route has no process with that code.</exception>
    public ProcessDefinition Process(string code) =>
        _processes.FirstOrDefault(p => p.Code == code)
        ?? throw new ArgumentException($"Route '{RouteId}' v{Version} has no process '{code}'.", nameof(code));

    public override string ToString() => $"{RouteId} v{Version}";
}

/// <summary>A route version as an inquiry references it.</summary>
public sealed record RouteRef(string RouteId, int Version)
{
    public override string ToString() => $"{RouteId} v{Version}";
}
