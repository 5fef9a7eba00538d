using System.Security.Cryptography;

namespace Ktp.Infrastructure.Files;

public sealed record StoredFile(string Sha256, long Size);

/// <summary>Content-addressed file storage (uploads, call recordings): the same bytes are stored once.</summary>
public interface IFileStorage
{
    /// <summary>Stores at most <paramref name="maxBytes"/>; longer content throws <see cref="FileTooLargeException"/> and leaves nothing behind.</summary>
    Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken ct);

    Stream Open(string sha256);
}

public sealed class FileTooLargeException(long maxBytes) : Exception($"The file is larger than the limit of {maxBytes / 1024 / 1024.0:0.#} MB.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>Files under a root folder as <c>ab/cd/abcdef…</c>; an S3-compatible store implements the same interface in the cloud.</summary>
public sealed class FileSystemStorage(string root) : IFileStorage
{
    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, "upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new FileTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp);
            else File.Move(temp, target);
            return new StoredFile(sha, size);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream Open(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new FileNotFoundException("No such file.");
        return File.OpenRead(PathOf(sha256));
    }

    private string PathOf(string sha) => Path.Combine(root, sha[..2], sha[2..4], sha);
}

/// <summary>
/// Hook for a virus scanner (e.g. ClamAV over its socket) called on every upload before it is attached.
/// The default accepts everything; a deployment registers a real one.
/// </summary>
public interface IVirusScanner
{
    Task<string?> FindThreatAsync(string sha256, Stream content, CancellationToken ct);
}

public sealed class NoVirusScanner : IVirusScanner
{
    public Task<string?> FindThreatAsync(string sha256, Stream content, CancellationToken ct) => Task.FromResult<string?>(null);
}
