namespace Ktp.Web.Hosting;

/// <summary>
/// The site's address as its users reach it (App:PublicUrl). Links sent away (e-mails, payment return pages) start
/// with it, never with the request's Host header: a request with a forged Host would otherwise mail a reset token
/// pointing at someone else's site.
/// </summary>
public sealed class PublicUrl(IConfiguration config)
{
    public const string Default = "http://localhost:5080";

    public string Base { get; } = (config["App:PublicUrl"] is { Length: > 0 } url ? url : Default).TrimEnd('/');

    /// <summary>An absolute link to a path of this site.</summary>
    public string To(string path) => $"{Base}/{path.TrimStart('/')}";
}
