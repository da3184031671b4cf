using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Joules.Core.Domain.Common;

namespace Joules.Core.Plugins;

/// <summary>The <c>plugin.json</c> manifest at the root of a <c>.joules</c> plugin package: who the plugin is,
/// which version, which Core contract it was built against, which licence product unlocks it and which
/// assembly the host loads.</summary>
/// <remarks>Use <see cref="Parse"/> to read and validate a manifest and <see cref="ToJson"/> to write one.
/// Example:
/// <code>
/// {
///   "id": "joules.newsletter",
///   "version": "1.2.0",
///   "displayName": "Newsletter",
///   "coreContract": "1.0",
///   "licenceProduct": "newsletter",
///   "description": "Newsletter an Kunden versenden",
///   "author": "Joules",
///   "entryAssembly": "Joules.Plugins.Newsletter.dll"
/// }
/// </code></remarks>
public sealed partial record PluginManifest
{
    /// <summary>Maximum lengths of the free-text fields.</summary>
    internal const int MaxDisplayName = 100, MaxLicenceProduct = 64, MaxDescription = 2000, MaxAuthor = 200, MaxEntryAssembly = 128;

    /// <summary>Unique plugin id: 3–64 lower-case letters, digits, dots and dashes, starting and ending with a
    /// letter or digit (e.g. "joules.newsletter").</summary>
    public required string Id { get; init; }

    /// <summary>Plugin version, SemVer "major.minor.patch" with optional "-prerelease" (e.g. "1.2.0-beta.1").</summary>
    public required string Version { get; init; }

    /// <summary>Name shown to administrators.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The Core contract ("major.minor") the plugin was built against; see <see cref="Plugins.CoreContract"/>.</summary>
    public required string CoreContract { get; init; }

    /// <summary>The licence product that must be licensed for the plugin to run.</summary>
    public required string LicenceProduct { get; init; }

    /// <summary>Optional description shown to administrators.</summary>
    public string Description { get; init; } = "";

    /// <summary>Optional author or vendor name.</summary>
    public string Author { get; init; } = "";

    /// <summary>File name (no path) of the plugin's main assembly, e.g. "Joules.Plugins.Newsletter.dll";
    /// it lies under <c>files/</c> in the package.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>Major part of <see cref="CoreContract"/>, or -1 if it is not "major.minor".</summary>
    public int CoreContractMajor => ContractPart(0);

    /// <summary>Minor part of <see cref="CoreContract"/>, or -1 if it is not "major.minor".</summary>
    public int CoreContractMinor => ContractPart(1);

    private int ContractPart(int index)
    {
        var parts = (CoreContract ?? "").Split('.');
        return parts.Length == 2 && int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,62}[a-z0-9]$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})$")]
    private static partial Regex ContractPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.[dD][lL][lL]$")]
    private static partial Regex EntryAssemblyPattern();

    /// <summary>Reads and validates a <c>plugin.json</c>. Unknown properties are ignored.</summary>
    /// <exception cref="PluginPackageException">The JSON is malformed or a field is missing or invalid; the
    /// message names the field.</exception>
    public static PluginManifest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException)
        {
            throw new PluginPackageException(CoreText.Get("Plugin.Manifest.NotJson"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PluginPackageException(CoreText.Get("Plugin.Manifest.NotJson"));

            var id = Required(root, "id", 64);
            if (!IdPattern().IsMatch(id) || id.Contains("..", StringComparison.Ordinal))
                throw Invalid("Plugin.Manifest.IdInvalid", id, "id");
            var version = Required(root, "version", 64);
            if (!VersionPattern().IsMatch(version)) throw Invalid("Plugin.Manifest.VersionInvalid", version, "version");
            var displayName = Required(root, "displayName", MaxDisplayName);
            var contract = Required(root, "coreContract", 16);
            if (!ContractPattern().IsMatch(contract)) throw Invalid("Plugin.Manifest.CoreContractInvalid", contract, "coreContract");
            var licenceProduct = Required(root, "licenceProduct", MaxLicenceProduct);
            var entryAssembly = Required(root, "entryAssembly", MaxEntryAssembly);
            if (!EntryAssemblyPattern().IsMatch(entryAssembly) || entryAssembly.Contains("..", StringComparison.Ordinal))
                throw Invalid("Plugin.Manifest.EntryAssemblyInvalid", entryAssembly, "entryAssembly");

            return new PluginManifest
            {
                Id = id,
                Version = version,
                DisplayName = displayName,
                CoreContract = contract,
                LicenceProduct = licenceProduct,
                Description = Optional(root, "description", MaxDescription),
                Author = Optional(root, "author", MaxAuthor),
                EntryAssembly = entryAssembly,
            };
        }
    }

    /// <summary>Validates this manifest by the rules of <see cref="Parse"/>.</summary>
    /// <exception cref="PluginPackageException">A field is missing or invalid.</exception>
    public void Validate() => Parse(ToJson());

    /// <summary>The manifest as indented <c>plugin.json</c> text (camelCase property names).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            writer.WriteString("version", Version);
            writer.WriteString("displayName", DisplayName);
            writer.WriteString("coreContract", CoreContract);
            writer.WriteString("licenceProduct", LicenceProduct);
            writer.WriteString("description", Description);
            writer.WriteString("author", Author);
            writer.WriteString("entryAssembly", EntryAssembly);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Required(JsonElement root, string field, int maxLength)
    {
        var value = Optional(root, field, maxLength);
        if (value.Length == 0) throw new PluginPackageException(CoreText.Format("Plugin.Manifest.FieldRequired", field), field);
        return value;
    }

    private static string Optional(JsonElement root, string field, int maxLength)
    {
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null) return "";
        if (element.ValueKind != JsonValueKind.String)
            throw new PluginPackageException(CoreText.Format("Plugin.Manifest.FieldNotText", field), field);
        var value = element.GetString()!.Trim();
        if (value.Length > maxLength)
            throw new PluginPackageException(CoreText.Format("Plugin.Manifest.FieldTooLong", field, maxLength), field);
        return value;
    }

    private static PluginPackageException Invalid(string key, string value, string field) =>
        new(CoreText.Format(key, value), field);
}
