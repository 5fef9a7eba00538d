using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Files;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects.Contracts;

namespace Ktp.Infrastructure.Inquiries;

public sealed class AttachmentRow
{
    public Guid FileId { get; set; }
    public string Name { get; set; } = "";
    public long Size { get; set; }
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

/// <summary>Files on inquiries: size limit of the project, allowed types only, a virus-scan hook, content-addressed storage.</summary>
public sealed class Attachments(CurrentSession session, IFileStorage storage, IVirusScanner scanner, IProjectConfiguration projects, InquiryStream inquiries, TimeProvider clock)
{
    private static readonly string[] AllowedPrefixes = ["image/", "audio/", "text/plain", "text/csv", "application/pdf", "application/zip",
        "application/msword", "application/vnd.openxmlformats-officedocument.", "application/vnd.ms-excel", "application/vnd.oasis.opendocument."];
    private static readonly string[] ForbiddenExtensions = [".exe", ".dll", ".bat", ".cmd", ".com", ".msi", ".ps1", ".sh", ".js", ".vbs", ".jar", ".scr", ".html", ".htm", ".svg"];

    public async Task<Guid> AttachAsync(Guid inquiryId, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        fileName = Path.GetFileName(fileName ?? "").Trim();
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        new Validation()
            .Require(fileName.Length is >= 1 and <= 200, "File", "The file needs a name of up to 200 characters.")
            .Require(!ForbiddenExtensions.Contains(extension) && AllowedPrefixes.Any(p => contentType.StartsWith(p, StringComparison.OrdinalIgnoreCase)),
                "File", "This type of file cannot be attached.")
            .ThrowIfInvalid();

        await using var uow = await session.BeginAsync(ct);
        var (state, _) = await inquiries.LoadAsync(uow, inquiryId, ct: ct);
        if (state.Status == InquiryStatus.None) throw new ValidationFailedException("InquiryId", "No such inquiry.");
        var config = await projects.CurrentAsync(uow, state.ProjectId.Value);
        StoredFile stored;
        try
        {
            stored = await storage.SaveAsync(content, config!.AttachmentMaxBytes, ct);
        }
        catch (FileTooLargeException e)
        {
            throw new ValidationFailedException("File", e.Message);
        }
        await using (var check = storage.Open(stored.Sha256))
            if (await scanner.FindThreatAsync(stored.Sha256, check, ct) is { } threat)
                throw new ValidationFailedException("File", $"The file was refused by the virus scanner: {threat}.");

        var fileId = Guid.CreateVersion7();
        await uow.ExecuteAsync("""
            INSERT INTO attachments (file_id, inquiry_id, name, size, content_type, sha256, created_by)
            VALUES (@fileId, @inquiryId, @fileName, @Size, @contentType, @Sha256, @by)
            """, new { fileId, inquiryId, fileName, stored.Size, contentType, stored.Sha256, by = session.UserName ?? "unknown" }, ct: ct);
        await inquiries.DecideAsync(uow, inquiryId, session.Metadata(), ct,
            new AddAttachment(fileId, fileName, stored.Size, contentType, config.AttachmentMaxBytes, InquiryActors.Of(session), clock.GetUtcNow()));
        await uow.CommitAsync(ct);
        return fileId;
    }

    /// <summary>Null when the file is not this tenant's (row-level security) or does not exist.</summary>
    public async Task<(AttachmentRow Row, Stream Content)?> OpenAsync(Guid fileId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        var row = await uow.QuerySingleOrDefaultAsync<AttachmentRow>("SELECT file_id AS FileId, name, size, content_type AS ContentType, sha256 FROM attachments WHERE file_id = @fileId", new { fileId }, ct: ct);
        return row is null ? null : (row, storage.Open(row.Sha256));
    }

    public async Task<IReadOnlyList<AttachmentRow>> ListAsync(Guid inquiryId, CancellationToken ct = default)
    {
        session.Demand(Privilege.InquiriesWork);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<AttachmentRow>("SELECT file_id AS FileId, name, size, content_type AS ContentType, sha256 FROM attachments WHERE inquiry_id = @inquiryId ORDER BY created_at", new { inquiryId }, ct: ct)).ToList();
    }
}
