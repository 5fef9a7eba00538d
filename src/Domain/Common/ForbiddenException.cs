namespace Ktp.Domain.Common;

/// <summary>The caller lacks a privilege the operation requires.</summary>
public sealed class ForbiddenException(string privilege)
    : Exception($"This action requires the privilege '{privilege}'.")
{
    public string Privilege { get; } = privilege;
}
