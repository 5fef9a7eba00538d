using System.Net;
using System.Text;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class AttachmentTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(InquiryTestKit Kit, Guid Id)> InquiryAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var id = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Файл", null, null, null, null), "in", "email", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "F-1" })]))).InquiryIds[0];
        return (kit, id);
    }

    [Fact]
    public async Task An_allowed_file_is_attached_recorded_in_the_history_and_downloadable_by_the_tenant_only()
    {
        var (kit, id) = await InquiryAsync();
        Guid fileId;
        using (var scope = kit.As("Анна"))
            fileId = await scope.ServiceProvider.GetRequiredService<Attachments>().AttachAsync(id, "scan.pdf", "application/pdf", new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 test")));

        using (var scope = kit.As("Анна"))
        {
            var (state, history) = await scope.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
            state.Attachments.Single().FileName.ShouldBe("scan.pdf");
            history.ShouldContain(h => h.Event is Ktp.Domain.Inquiries.AttachmentAdded);
        }
        var operatorClient = await app.SignedInAsync("demo", "operator@demo.ktp");
        var download = await operatorClient.GetAsync($"/t/demo/attachments/{fileId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).ShouldBe("%PDF-1.4 test");
        (await app.Browser().GetAsync($"/t/demo/attachments/{fileId}")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "anonymous users are sent to sign in");
    }

    [Theory]
    [InlineData("virus.exe", "application/octet-stream")]
    [InlineData("page.html", "text/html")]
    [InlineData("script.js", "text/plain")]
    public async Task Forbidden_types_are_refused(string name, string type)
    {
        var (kit, id) = await InquiryAsync();
        using var scope = kit.As("Анна");
        var error = await Should.ThrowAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<Attachments>().AttachAsync(id, name, type, new MemoryStream([1, 2, 3])));
        error.Message.ShouldContain("cannot be attached");
    }

    [Fact]
    public async Task A_file_over_the_project_limit_is_refused_and_nothing_is_attached()
    {
        var (kit, id) = await InquiryAsync();
        using var scope = kit.As("Анна");
        var tooBig = new MemoryStream(new byte[10 * 1024 * 1024 + 1]);
        var error = await Should.ThrowAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<Attachments>().AttachAsync(id, "big.pdf", "application/pdf", tooBig));
        error.Message.ShouldContain("larger than the limit");
        (await scope.ServiceProvider.GetRequiredService<Attachments>().ListAsync(id)).ShouldBeEmpty();
    }
}
