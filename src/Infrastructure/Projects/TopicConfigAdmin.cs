using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Sessions;

using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>Saves a project's topic tree as a new version, if it is based on the latest one.</summary>
public sealed record SaveTopics(Guid ProjectId, int BasedOnVersion, TopicConfigDraft Draft);

/// <summary>The project manager's topic configuration: topic groups, topics and their attributes.</summary>
public sealed class TopicConfigAdmin(CurrentSession session)
{
    public static readonly TopicConfiguration Empty = new([], []);

    /// <exception cref="ValidationFailedException">No such project.</exception>
    public async Task<Versioned<TopicConfiguration>> LoadAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, projectId);
        return await ProjectSettingsRows.LatestAsync(uow, projectId, DocumentKinds.Topics, Empty);
    }

    public async Task<IReadOnlyList<VersionInfo>> HistoryAsync(Guid projectId, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        return await ProjectSettingsRows.HistoryAsync(uow, projectId, DocumentKinds.Topics);
    }

    /// <returns>The new version.</returns>
    /// <exception cref="ValidationFailedException">
    /// Bad names, rules that are not JsonLogic, cyclic or unknown groups, duplicate codes, unknown dictionaries,
    /// or a newer version saved by someone else since <see cref="SaveTopics.BasedOnVersion"/>.
    /// </exception>
    public async Task<int> SaveAsync(SaveTopics command, CancellationToken ct = default)
    {
        session.Demand(Privilege.ProjectsConfigure);
        var configuration = command.Draft.ToDomain();
        _ = new TopicCatalog(configuration);
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, command.ProjectId);
        var dictionaries = await ProjectSettingsRows.LatestAsync(uow, command.ProjectId, DocumentKinds.Dictionaries, new DictionariesDocument());
        CheckDictionaries(configuration, dictionaries.Document);
        var version = await ProjectSettingsRows.AppendAsync(uow, command.ProjectId, DocumentKinds.Topics, configuration, command.BasedOnVersion, session.SavedByName());
        await uow.CommitAsync(ct);
        return version;
    }

    /// <summary>Dictionary attributes must name one of the project's dictionaries.</summary>
    public static void CheckDictionaries(TopicConfiguration configuration, DictionariesDocument dictionaries)
    {
        var errors = new Validation();
        foreach (var (owner, attribute) in ProjectDocumentChecks.AllAttributes(configuration))
            if (attribute.Type == AttributeType.Dictionary && attribute.DictionaryCode is { } code && dictionaries.Find(code) is null)
                errors.Add("attributes", $"Attribute '{attribute.Code}' of {owner} uses dictionary '{code}', which the project does not have.");
        errors.ThrowIfInvalid();
    }
}
