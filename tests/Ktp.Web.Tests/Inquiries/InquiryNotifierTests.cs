using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiryNotifierTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_registered_inquiry_tells_the_screens_watching_its_project()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var notifier = app.Services.GetRequiredService<InquiryNotifier>();
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe(kit.Tenant.TenantId, kit.ProjectId, () => { told.TrySetResult(); return Task.CompletedTask; });
        var heard = new System.Collections.Concurrent.ConcurrentBag<string>();
        notifier.Changed += heard.Add;
        await Task.Delay(500); // the listener connects at start-up

        using (var scope = kit.As("Анна"))
            await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                kit.ProjectId, null, new NewCustomer("Live", null, null, null, null), "in", "phone", null,
                [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "L-1" })]));

        (await Task.WhenAny(told.Task, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(told.Task, $"the watching screen is told within seconds; heard: {string.Join(", ", heard)}; watching {kit.Tenant.TenantId}:{kit.ProjectId}");
    }
}
