using System.Diagnostics.CodeAnalysis;

namespace Joules.Core.Plugins.Licensing;

/// <summary>The identity of one Joules installation (one database). Licences are bound to it, so a licence file
/// copied to another installation is refused. Written as a GUID in "D" format
/// (<c>3f2504e0-4f89-11d3-9a0c-0305e82c3301</c>).</summary>
public readonly record struct InstallationId(Guid Value)
{
    /// <summary>The binding of a development licence that is valid on every installation.</summary>
    public const string Any = "*";

    /// <summary>Creates a new random installation id (done once, when an installation is set up).</summary>
    public static InstallationId New() => new(Guid.NewGuid());

    /// <summary>Parses a GUID; throws <see cref="FormatException"/> if <paramref name="text"/> is none.</summary>
    public static InstallationId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an installation id (GUID).");

    /// <summary>Parses a GUID (surrounding blanks are ignored). The wildcard <see cref="Any"/> is not an installation id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out InstallationId id)
    {
        var ok = Guid.TryParse(text?.Trim(), out var guid) && guid != Guid.Empty;
        id = ok ? new InstallationId(guid) : default;
        return ok;
    }

    /// <summary>True if a licence bound to <paramref name="binding"/> (a GUID or <see cref="Any"/>) applies to this installation.</summary>
    public bool IsCoveredBy(string binding) =>
        binding.Trim() == Any || (TryParse(binding, out var bound) && bound == this);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
