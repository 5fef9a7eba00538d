using Ktp.Domain.Common;

namespace Ktp.Domain.Processes;

/// <summary>One reason a diagram cannot be deployed: the element's BPMN kind and id, and why.</summary>
public sealed record DeploymentProblem(string Kind, string ElementId, string Reason)
{
    /// <summary>The reason's wording with {0}, {1}… where <see cref="Arguments"/> go, for a screen to say it in the user's language.</summary>
    public string Template { get; init; } = Reason.Replace("{", "{{").Replace("}", "}}");

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>What lies under the reason (a rule's or a timer's own fault), said in words of its own.</summary>
    public Wording? Cause { get; init; }

    public static DeploymentProblem Of(string kind, string elementId, FormattableString reason, Wording? cause = null)
    {
        var wording = Wording.Of(reason);
        return new(kind, elementId, cause is null ? wording.ToString() : $"{wording} {cause}")
        {
            Template = wording.Template,
            Arguments = wording.Arguments,
            Cause = cause,
        };
    }

    public override string ToString() => $"{Kind} \"{ElementId}\": {Reason}";
}

/// <summary>The diagram was refused; <see cref="Problems"/> lists every element that is unsupported or wrong, in document order.</summary>
public sealed class DeploymentRefusedException(IReadOnlyList<DeploymentProblem> problems)
    : Exception("The process cannot be deployed:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)))
{
    public IReadOnlyList<DeploymentProblem> Problems { get; } = problems;
}
