using System.Text.Json;
using Ktp.Domain.Processes;

namespace Ktp.Domain.Tests.Processes;

/// <summary>Runs one instance through commands as the infrastructure would: decide, append, apply.</summary>
internal sealed class ProcessDriver(ProcessDefinition definition, string instanceId = "i1")
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<object> _history = [];

    public ProcessDefinition Definition { get; } = definition;
    public ProcessInstance State { get; private set; } = new();
    public IReadOnlyList<object> History => _history;

    /// <summary>The events of the last command.</summary>
    public IReadOnlyList<object> Last { get; private set; } = [];

    public DateTimeOffset Now { get; set; } = T0;

    public ProcessDriver Start(object? variables = null) =>
        Do(new StartProcess(instanceId, variables is null ? ProcessVariables.None : ProcessVariables.From(variables), Now));

    public ProcessDriver Do(ProcessCommand command)
    {
        Last = ProcessDecisions.Decide(Definition, State, command);
        _history.AddRange(Last);
        foreach (var e in Last) State.Apply(e);
        return this;
    }

    public ProcessDriver Complete(string nodeId, object? output = null) =>
        Do(new CompleteUserTask(TaskAt(nodeId), Vars(output), Now));

    public ProcessDriver CompleteAll(string nodeId)
    {
        foreach (var task in State.UserTasks.Where(t => t.NodeId == nodeId).ToList())
            Do(new CompleteUserTask(task.TaskId, ProcessVariables.None, Now));
        return this;
    }

    public ProcessDriver Succeed(string nodeId, object? output = null) =>
        Do(new ReportServiceSuccess(CallAt(nodeId).TaskId, CallAt(nodeId).Attempt, Vars(output), Now));

    public ProcessDriver Fail(string nodeId, string error = "503 Service Unavailable") =>
        Do(new ReportServiceFailure(CallAt(nodeId).TaskId, CallAt(nodeId).Attempt, error, Now));

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public ProcessDriver Fire(string nodeId)
    {
        var timer = State.Timers.Single(t => t.NodeId == nodeId);
        Now = timer.DueAt;
        return Do(new FireTimer(timer.TimerId, Now));
    }

    public string TaskAt(string nodeId) => State.UserTasks.Single(t => t.NodeId == nodeId).TaskId;

    public PendingServiceCall CallAt(string nodeId) => State.ServiceCalls.Single(c => c.NodeId == nodeId);

    public IEnumerable<string> ActiveNodes => State.Tokens.Select(t => t.NodeId);

    public IEnumerable<T> All<T>() => _history.OfType<T>();

    public static IReadOnlyDictionary<string, JsonElement> Vars(object? values) =>
        values is null ? ProcessVariables.None : ProcessVariables.From(values);
}
