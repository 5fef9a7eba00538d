using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Inquiries.Pages.BackOffice;

/// <summary>
/// The words people read instead of the codes an inquiry row carries: channel, status, priority, queue and step
/// names, taken from each row's project configuration (loaded once per project) or the translated texts.
/// A code nobody named is shown as it is.
/// </summary>
public sealed class InquiryNames(InquiryQueries queries, IStringLocalizer<SharedResource> l)
{
    private readonly Dictionary<Guid, ProjectConfig?> _configs = [];

    /// <summary>Loads the configuration of the projects not seen yet.</summary>
    public async Task LoadAsync(IEnumerable<Guid> projectIds)
    {
        foreach (var id in projectIds.Distinct().Where(id => !_configs.ContainsKey(id)).ToList())
            _configs[id] = await queries.ConfigAsync(id);
    }

    /// <summary>A configuration the page already has (the filtered project's).</summary>
    public void Remember(ProjectConfig? config)
    {
        if (config is not null) _configs[config.ProjectId] = config;
    }

    public string Channel(string code) => Text("channel:", code);

    public string Status(string code) => Text("status:", code);

    public string Priority(InquiryRow row) =>
        Config(row.ProjectId) is { Priorities.Priorities.Count: > 0 } config ? config.Priorities.NameOf(row.Priority) : Text("priority:", row.Priority);

    public string Queue(InquiryRow row) => row.QueueCode is not { } code ? "" :
        Config(row.ProjectId)?.Route?.Processes.SelectMany(p => p.Queues).FirstOrDefault(q => q.Code == code)?.Name ?? code;

    public string Step(InquiryRow row) => row.ProcessCode is not { } code ? "" :
        Config(row.ProjectId)?.Route?.Processes.FirstOrDefault(p => p.Code == code)?.Name ?? code;

    private ProjectConfig? Config(Guid projectId) => _configs.GetValueOrDefault(projectId);

    private string Text(string prefix, string code)
    {
        var text = l[prefix + code];
        return text.ResourceNotFound ? code : text.Value;
    }
}
