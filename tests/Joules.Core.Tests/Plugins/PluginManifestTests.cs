using Joules.Core.Plugins;

namespace Joules.Core.Tests.Plugins;

public class PluginManifestTests
{
    private const string Valid = """
        {
          "id": "joules.newsletter",
          "version": "1.2.0",
          "displayName": "Newsletter",
          "coreContract": "1.0",
          "licenceProduct": "newsletter",
          "description": "Newsletter an Kunden",
          "author": "Joules",
          "entryAssembly": "Joules.Plugins.Newsletter.dll",
          "futureField": 1
        }
        """;

    [Fact]
    public void Parses_a_valid_manifest_and_round_trips_it()
    {
        var manifest = PluginManifest.Parse(Valid);

        manifest.Id.ShouldBe("joules.newsletter");
        manifest.Version.ShouldBe("1.2.0");
        manifest.DisplayName.ShouldBe("Newsletter");
        manifest.CoreContractMajor.ShouldBe(1);
        manifest.CoreContractMinor.ShouldBe(0);
        manifest.LicenceProduct.ShouldBe("newsletter");
        manifest.EntryAssembly.ShouldBe("Joules.Plugins.Newsletter.dll");
        PluginManifest.Parse(manifest.ToJson()).ShouldBe(manifest);
    }

    [Theory]
    [InlineData("\"id\": \"joules.newsletter\"", "\"id\": \"Joules.Newsletter\"", "id")]
    [InlineData("\"id\": \"joules.newsletter\"", "\"id\": \"jn\"", "id")]
    [InlineData("\"id\": \"joules.newsletter\"", "\"id\": \"../joules\"", "id")]
    [InlineData("\"id\": \"joules.newsletter\"", "\"id\": \"joules..news\"", "id")]
    [InlineData("\"id\": \"joules.newsletter\",", "", "id")]
    [InlineData("\"version\": \"1.2.0\"", "\"version\": \"1.2\"", "version")]
    [InlineData("\"version\": \"1.2.0\"", "\"version\": \"01.2.0\"", "version")]
    [InlineData("\"version\": \"1.2.0\"", "\"version\": 1", "version")]
    [InlineData("\"displayName\": \"Newsletter\"", "\"displayName\": \"  \"", "displayName")]
    [InlineData("\"coreContract\": \"1.0\"", "\"coreContract\": \"1\"", "coreContract")]
    [InlineData("\"coreContract\": \"1.0\"", "\"coreContract\": \"1.0.0\"", "coreContract")]
    [InlineData("\"licenceProduct\": \"newsletter\",", "", "licenceProduct")]
    [InlineData("\"entryAssembly\": \"Joules.Plugins.Newsletter.dll\"", "\"entryAssembly\": \"lib/Joules.Plugins.Newsletter.dll\"", "entryAssembly")]
    [InlineData("\"entryAssembly\": \"Joules.Plugins.Newsletter.dll\"", "\"entryAssembly\": \"..\\\\x.dll\"", "entryAssembly")]
    [InlineData("\"entryAssembly\": \"Joules.Plugins.Newsletter.dll\"", "\"entryAssembly\": \"Joules.Plugins.Newsletter.exe\"", "entryAssembly")]
    [InlineData("\"author\": \"Joules\"", "\"author\": [\"Joules\"]", "author")]
    public void Rejects_a_malformed_field_with_a_message_naming_it(string original, string replacement, string field)
    {
        var json = Valid.Replace(original, replacement);
        json.ShouldNotBe(Valid);

        var error = Should.Throw<PluginPackageException>(() => PluginManifest.Parse(json));

        error.Field.ShouldBe(field);
        error.Message.ShouldContain($"„{field}“");
    }

    [Theory]
    [InlineData("1.0.0-beta.1")]
    [InlineData("10.20.30-rc-2")]
    public void Accepts_prerelease_versions(string version) =>
        PluginManifest.Parse(Valid.Replace("1.2.0", version)).Version.ShouldBe(version);

    [Fact]
    public void Rejects_text_that_is_not_a_json_object()
    {
        Should.Throw<PluginPackageException>(() => PluginManifest.Parse("[1]")).Message.ShouldContain("plugin.json");
        Should.Throw<PluginPackageException>(() => PluginManifest.Parse("{ id: ")).Message.ShouldContain("kein gültiges JSON");
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(0, 9, false)]
    [InlineData(2, 0, false)]
    [InlineData(1, 1, false)]
    public void Core_contract_is_compatible_only_for_same_major_and_older_or_equal_minor(int major, int minor, bool compatible) =>
        CoreContract.IsCompatible(major, minor).ShouldBe(compatible);

    [Fact]
    public void Incompatible_contract_message_names_plugin_and_both_contracts()
    {
        var manifest = PluginManifest.Parse(Valid.Replace("\"1.0\"", "\"2.0\""));

        var error = Should.Throw<PluginPackageException>(() => CoreContract.EnsureCompatible(manifest));

        error.Message.ShouldBe("Plugin joules.newsletter wurde für Core-Vertrag 2.0 gebaut; dieser Host bietet 1.0.");
    }

    [Fact]
    public void Messages_are_available_in_English()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        try
        {
            Should.Throw<PluginPackageException>(() => PluginManifest.Parse(Valid.Replace("\"1.2.0\"", "\"1.2\"")))
                .Message.ShouldStartWith("plugin.json: field \"version\" is invalid");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_hand_made_manifest_with_a_malformed_contract_counts_as_incompatible()
    {
        var manifest = PluginManifest.Parse(Valid) with { CoreContract = "eins" };

        manifest.CoreContractMajor.ShouldBe(-1);
        Should.Throw<PluginPackageException>(() => CoreContract.EnsureCompatible(manifest)).Field.ShouldBe("coreContract");
        Should.Throw<PluginPackageException>(manifest.Validate).Field.ShouldBe("coreContract");
    }
}
