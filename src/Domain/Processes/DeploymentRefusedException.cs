namespace Ktp.Domain.Processes;

/// <summary>One reason a diagram cannot be deployed: the element's BPMN kind and id, and why.</summary>
public sealed record DeploymentProblem(string Kind, string ElementId, string Reason)
{
    public override string ToString() => $"{Kind} \"{ElementId}\": {Reason}";
}

/// <summary>The diagram was refused; <see cref="Problems"/> lists every element that is unsupported or wrong, in document order.</summary>
public sealed class DeploymentRefusedException(IReadOnlyList<DeploymentProblem> problems)
    : Exception("The process cannot be deployed:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)))
{
    public IReadOnlyList<DeploymentProblem> Problems { get; } = problems;
}
