using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Infrastructure.Sessions;

using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Projects;

/// <summary>
/// The simple versioned documents of a project (see ProjectDocuments.cs): dictionaries, customer categories,
/// priorities, contact places, operator templates and VIP customers. Each save is checked and stored as a
/// new version, if based on the latest one.
/// </summary>
public sealed class ProjectSettingsAdmin(CurrentSession session, IPeopleDirectory people)
{
    private static readonly Dictionary<Type, string> Kinds = new()
    {
        [typeof(DictionariesDocument)] = DocumentKinds.Dictionaries,
        [typeof(CategoriesDocument)] = DocumentKinds.Categories,
        [typeof(PrioritiesDocument)] = DocumentKinds.Priorities,
        [typeof(ContactPlacesDocument)] = DocumentKinds.ContactPlaces,
        [typeof(TemplatesDocument)] = DocumentKinds.Templates,
        [typeof(VipDocument)] = DocumentKinds.Vip,
    };

    public static string KindOf<T>() => Kinds.TryGetValue(typeof(T), out var kind)
        ? kind : throw new ArgumentException($"{typeof(T).Name} is not a simple project document.");

    /// <summary>The latest version, or an empty document at version 0.</summary>
    /// <exception cref="ValidationFailedException">No such project.</exception>
    public async Task<Versioned<T>> LoadAsync<T>(Guid projectId, CancellationToken ct = default) where T : new()
    {
        session.Demand(Privilege.ProjectsConfigure);
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, projectId);
        return await ProjectSettingsRows.LatestAsync(uow, projectId, KindOf<T>(), new T());
    }

    /// <returns>The new version.</returns>
    /// <exception cref="ValidationFailedException">The document is invalid, or someone saved a newer version since <paramref name="basedOnVersion"/>.</exception>
    public async Task<int> SaveAsync<T>(Guid projectId, int basedOnVersion, T document, CancellationToken ct = default) where T : notnull
    {
        session.Demand(Privilege.ProjectsConfigure);
        var kind = KindOf<T>();
        await using var uow = await session.BeginAsync(ct);
        await ProjectAdmin.RequireProjectAsync(uow, projectId);
        var errors = new Validation();
        switch (document)
        {
            case DictionariesDocument d:
                ProjectDocumentChecks.Dictionaries(d, (await Latest(uow, projectId, DocumentKinds.Topics, TopicConfigAdmin.Empty)), errors);
                break;
            case CategoriesDocument c: ProjectDocumentChecks.Categories(c, errors); break;
            case PrioritiesDocument p: ProjectDocumentChecks.Priorities(p, errors); break;
            case ContactPlacesDocument p: ProjectDocumentChecks.ContactPlaces(p, errors); break;
            case TemplatesDocument t: ProjectDocumentChecks.Templates(t, await ReferencesAsync(uow, projectId, ct), errors); break;
            case VipDocument v:
                foreach (var customer in v.Customers) customer.Identifier = customer.Identifier?.Trim() ?? "";
                ProjectDocumentChecks.Vip(v, errors);
                break;
        }
        errors.ThrowIfInvalid();
        var version = await ProjectSettingsRows.AppendAsync(uow, projectId, kind, document, basedOnVersion, session.SavedByName());
        await uow.CommitAsync(ct);
        return version;
    }

    private async Task<DocumentReferences> ReferencesAsync(UnitOfWork uow, Guid projectId, CancellationToken ct)
    {
        var topics = await Latest(uow, projectId, DocumentKinds.Topics, TopicConfigAdmin.Empty);
        var places = await Latest(uow, projectId, DocumentKinds.ContactPlaces, new ContactPlacesDocument());
        var categories = await Latest(uow, projectId, DocumentKinds.Categories, new CategoriesDocument());
        var users = await people.AllIdsAsync(uow, ct);
        return new DocumentReferences(topics,
            places.Places.Select(p => p.Code).ToHashSet(StringComparer.Ordinal),
            categories.Categories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
            users);
    }

    private static async Task<T> Latest<T>(UnitOfWork uow, Guid projectId, string kind, T empty) =>
        (await ProjectSettingsRows.LatestAsync(uow, projectId, kind, empty)).Document;
}
