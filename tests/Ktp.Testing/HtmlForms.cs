using System.Net;
using System.Text.RegularExpressions;

namespace Ktp.Testing;

/// <summary>Submits a server-rendered form like a browser would: its hidden fields (antiforgery, handler) plus ours.</summary>
public static partial class HtmlForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {pageUrl} answered {(int)page.StatusCode}");
        var form = new Dictionary<string, string>();
        foreach (Match m in HiddenInput().Matches(html))
            form[WebUtility.HtmlDecode(m.Groups["name"].Value)] = WebUtility.HtmlDecode(m.Groups["value"].Value);
        foreach (var (key, value) in fields) form[key] = value;
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
