namespace Ktp.Web.Identity.Contracts;

/// <summary>Signs a user in on this request (the sign-up page signs in the new tenant's first admin).</summary>
public interface IUserSignIn
{
    Task SignInAsync(Guid tenantId, Guid userId);
}
