namespace Ktp.Domain.Processes;

/// <summary>A command does not fit the instance's state (it is finished, or the task is in an incident): a conflict.</summary>
public class ProcessException(string message) : Exception(message);

/// <summary>The command names a task, timer, incident or message wait the instance does not have (any more).</summary>
public sealed class ProcessItemNotFoundException(string message) : ProcessException(message);
