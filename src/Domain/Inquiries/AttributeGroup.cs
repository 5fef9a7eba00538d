namespace Ktp.Domain.Inquiries;

/// <summary>A titled block of attributes on the inquiry form, shown collapsed or expanded at first.</summary>
public sealed record AttributeGroup(string Code, string Name)
{
    public bool CollapsedByDefault { get; init; }
}
