using JasperFx.Events.Projections;
using Marten;

namespace Ktp.Infrastructure.Projections;

public static class AsyncProjections
{
    /// <summary>
    /// Registers each projection with Marten's daemon; a rebuild first empties its table. Archived streams
    /// stay in: a read model counted their events while they were live, so a rebuild must count them too.
    /// </summary>
    public static void Configure(StoreOptions opts, IEnumerable<IAsyncProjection> projections)
    {
        var names = new HashSet<string>();
        foreach (var projection in projections)
        {
            opts.Projections.Add(projection, ProjectionLifecycle.Async, projection.Name,
                asyncConfiguration: a => a.DeleteDataInTableOnTeardown(projection.Table));
            names.Add(projection.Name);
        }
        foreach (var registered in opts.Projections.All.OfType<ProjectionBase>().Where(p => names.Contains(p.Name)))
            registered.IncludeArchivedEvents = true;
    }

    /// <summary>With conjoined tenancy each projection has one shard covering every tenant.</summary>
    public static string ShardName(string projection) => projection + ":All";
}
