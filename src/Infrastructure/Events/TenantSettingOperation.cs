using System.Data.Common;
using JasperFx.Events;
using Ktp.Infrastructure.Database;
using Weasel.Core;
using Weasel.Storage;

namespace Ktp.Infrastructure.Events;

/// <summary>
/// The unit of work's tenant setting as the first statement of a Marten session's batch. Marten sends event
/// operations ahead of its other queued operations, so this one says it is about events to stay in front of the
/// stream and event inserts that row-level security checks against it.
/// </summary>
internal sealed class TenantSettingOperation(Guid tenantId) : Weasel.Storage.IStorageOperation
{
    public Type DocumentType => typeof(IEvent);

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var parameters = builder.AppendWithDbParameters(TenantSetting.SqlWith("?"), '?');
        parameters[0].Value = TenantSetting.Value(tenantId);
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;
}
