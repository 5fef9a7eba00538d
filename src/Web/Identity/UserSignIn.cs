using Ktp.Infrastructure.Identity;
using Ktp.Web.Identity.Contracts;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Identity;

public sealed class UserSignIn(SignInManager<KtpUser> signIn, UserManager<KtpUser> users) : IUserSignIn
{
    public async Task SignInAsync(Guid tenantId, Guid userId)
    {
        var user = await users.FindByIdAsync(KtpUser.ComposeId(tenantId, userId))
            ?? throw new InvalidOperationException($"User {userId} of tenant {tenantId} does not exist.");
        await signIn.SignInAsync(user, isPersistent: false);
    }
}
