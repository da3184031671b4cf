using System.Text;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Packaging;

public sealed class PluginFolderTests : IDisposable
{
    private readonly PackageFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string PluginsRoot => Path.Combine(_f.Root, "plugins-bin");

    private PluginFolderVerifier FolderVerifier(PackageLimits? limits = null) =>
        new([VendorSignature.ImportPublicKey(VendorSignature.ExportPublicKey(_f.Vendor))], limits);

    private string Install(PluginManifest? manifest = null) =>
        PluginInstaller.InstallAtomically(_f.Verifier().Verify(new MemoryStream(_f.Build(manifest))), PluginsRoot);

    private void Refused(string folder, string expected)
    {
        var error = Should.Throw<PluginPackageException>(() => FolderVerifier().Verify(folder));
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Installed_folder_holds_plugin_json_the_files_at_its_root_and_the_control_folder()
    {
        var folder = Install();

        folder.ShouldBe(Path.Combine(Path.GetFullPath(PluginsRoot), "joules.demo"));
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            .ShouldBe([".joules/manifest.json", ".joules/signature.json", "Joules.Plugins.Demo.dll", "de/Joules.Plugins.Demo.resources.dll", "plugin.json", "readme.txt"]);
        Directory.Exists(Path.Combine(PluginsRoot, ".staging")).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(Path.Combine(PluginsRoot, ".staging")).ShouldBeEmpty();
    }

    [Fact]
    public void Installed_folder_verifies_with_manifest_key_and_path()
    {
        var folder = Install();

        var verified = FolderVerifier().Verify(folder);

        verified.Manifest.ShouldBe(PackageFixture.Manifest());
        verified.KeyId.ShouldBe(VendorSignature.KeyId(_f.Vendor));
        verified.Folder.ShouldBe(folder);
    }

    [Fact]
    public void Refuses_a_folder_file_with_one_altered_byte()
    {
        var folder = Install();
        var dll = Path.Combine(folder, "Joules.Plugins.Demo.dll");
        var bytes = File.ReadAllBytes(dll);
        bytes[1000] ^= 0x01;
        File.WriteAllBytes(dll, bytes);

        Refused(folder, "Datei files/Joules.Plugins.Demo.dll wurde verändert (Prüfsumme stimmt nicht)");
    }

    [Fact]
    public void Refuses_an_altered_plugin_json()
    {
        var folder = Install();
        File.WriteAllText(Path.Combine(folder, "plugin.json"), PackageFixture.Manifest().ToJson().Replace("Demo", "Dxmo", StringComparison.Ordinal));

        Refused(folder, "Datei plugin.json wurde verändert");
    }

    [Theory]
    [InlineData("extra.dll")]
    [InlineData("de/extra.resources.dll")]
    public void Refuses_a_file_that_is_not_in_the_signed_list(string extra)
    {
        var folder = Install();
        File.WriteAllText(Path.Combine(folder, extra), "untergeschoben");

        Refused(folder, $"Datei {extra} liegt im Plugin-Ordner, ist aber nicht in .joules/manifest.json aufgeführt");
    }

    [Fact]
    public void Accepts_other_files_in_the_control_folder()
    {
        var folder = Install();
        File.WriteAllText(Path.Combine(folder, ".joules", "state.txt"), "x");

        FolderVerifier().Verify(folder).Manifest.Id.ShouldBe("joules.demo");
    }

    [Fact]
    public void Refuses_a_missing_listed_file()
    {
        var folder = Install();
        File.Delete(Path.Combine(folder, "de", "Joules.Plugins.Demo.resources.dll"));

        Refused(folder, "Datei files/de/Joules.Plugins.Demo.resources.dll fehlt im Plugin-Ordner");
    }

    [Fact]
    public void Refuses_a_folder_without_control_files()
    {
        var folder = Install();
        File.Delete(Path.Combine(folder, ".joules", "signature.json"));

        Refused(folder, "Datei .joules/signature.json fehlt im Plugin-Ordner");
    }

    [Fact]
    public void Refuses_an_altered_file_list()
    {
        var folder = Install();
        var list = Path.Combine(folder, ".joules", "manifest.json");
        File.WriteAllText(list, File.ReadAllText(list).Replace("20000", "20001", StringComparison.Ordinal));

        Refused(folder, "Die Signatur des Plugin-Ordners ist ungültig");
    }

    [Fact]
    public void Refuses_a_folder_signed_by_an_untrusted_key()
    {
        using var stranger = VendorSignature.CreateKey();
        var package = _f.Verifier().Verify(new MemoryStream(_f.Build()));
        var folder = PluginInstaller.InstallAtomically(package, PluginsRoot);
        // Re-sign the (unchanged) list with another key: the signature is valid, but the key is not trusted.
        var list = File.ReadAllBytes(Path.Combine(folder, ".joules", "manifest.json"));
        File.WriteAllText(Path.Combine(folder, ".joules", "signature.json"),
            $"{{\"keyId\":\"{VendorSignature.KeyId(stranger)}\",\"algorithm\":\"{VendorSignature.Algorithm}\",\"signature\":\"{VendorSignature.Sign(list, stranger)}\"}}");

        Refused(folder, $"nicht vertrauenswürdigen Schlüssel ({VendorSignature.KeyId(stranger)})");
    }

    [Fact]
    public void Refuses_a_folder_built_for_another_core_contract()
    {
        var folder = Install(PackageFixture.Manifest() with { CoreContract = "1.0" });
        // A vendor-signed folder for contract 2.0: build it as a folder directly from a signed package with 2.0.
        var other = Path.Combine(_f.Root, "other");
        Directory.CreateDirectory(other);
        var entries = PackageFixture.Read(_f.Build());
        var json = PackageFixture.Manifest(coreContract: "2.0").ToJson();
        entries[entries.FindIndex(e => e.Name == "plugin.json")] = ("plugin.json", Encoding.UTF8.GetBytes(json));
        var signed = PackageFixture.Read(_f.WriteSigned(entries));
        File.WriteAllBytes(Path.Combine(folder, "plugin.json"), Encoding.UTF8.GetBytes(json));
        File.WriteAllBytes(Path.Combine(folder, ".joules", "manifest.json"), signed.Single(e => e.Name == "manifest.json").Content);
        File.WriteAllBytes(Path.Combine(folder, ".joules", "signature.json"), signed.Single(e => e.Name == "signature.json").Content);

        Refused(folder, "Core-Vertrag 2.0");
    }

    [Fact]
    public void Refuses_a_folder_over_the_file_limit()
    {
        var folder = Install();

        Should.Throw<PluginPackageException>(() => FolderVerifier(new PackageLimits { MaxFiles = 2 }).Verify(folder))
            .Message.ShouldContain("zu viele Dateien");
    }

    [Fact]
    public void Refuses_a_missing_folder()
    {
        Refused(Path.Combine(PluginsRoot, "nope"), "existiert nicht");
    }

    [Fact]
    public void Reinstalling_replaces_the_folder_and_moves_the_old_one_to_the_trash()
    {
        var first = Install();
        File.WriteAllText(Path.Combine(_f.Published, "readme.txt"), "Version 2");

        var second = Install(PackageFixture.Manifest() with { Version = "2.0.0" });

        second.ShouldBe(first);
        FolderVerifier().Verify(second).Manifest.Version.ShouldBe("2.0.0");
        File.ReadAllText(Path.Combine(second, "readme.txt")).ShouldBe("Version 2");
        var trashed = Directory.GetDirectories(Path.Combine(PluginsRoot, ".trash")).ShouldHaveSingleItem();
        Path.GetFileName(trashed).ShouldStartWith("joules.demo-");
        FolderVerifier().Verify(trashed).Manifest.Version.ShouldBe("1.2.0-beta.1");

        PluginInstaller.TryDeleteTrash(PluginsRoot);
        Directory.GetDirectories(Path.Combine(PluginsRoot, ".trash")).ShouldBeEmpty();
        Directory.Exists(second).ShouldBeTrue();
    }

    [Fact]
    public void Same_file_list_is_recognised_as_already_installed()
    {
        var folder = Install();

        _f.Verifier().Verify(new MemoryStream(_f.Build())).HasSameFileListAs(folder).ShouldBeTrue();
        File.WriteAllText(Path.Combine(_f.Published, "readme.txt"), "geändert");
        _f.Verifier().Verify(new MemoryStream(_f.Build())).HasSameFileListAs(folder).ShouldBeFalse();
        _f.Verifier().Verify(new MemoryStream(_f.Build())).HasSameFileListAs(Path.Combine(PluginsRoot, "nope")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(".staging", false)]
    [InlineData(".trash", false)]
    [InlineData("joules.demo", true)]
    public void Only_folders_not_starting_with_a_dot_are_plugin_folders(string name, bool expected) =>
        PluginInstaller.IsPluginFolderName(name).ShouldBe(expected);
}
