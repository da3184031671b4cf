using System.IO.Compression;
using System.Text;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Packaging;

public sealed class PluginPackageTests : IDisposable
{
    private readonly PackageFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>Verifies and (if that passes) extracts; the refusal must come before the staging folder exists.</summary>
    private PluginPackageException Refused(byte[] package, string expected, PackageLimits? limits = null)
    {
        var error = Should.Throw<PluginPackageException>(() =>
            _f.Verifier(limits).Verify(new MemoryStream(package)).ExtractTo(_f.Staging));
        error.Message.ShouldContain(expected);
        Directory.Exists(_f.Staging).ShouldBeFalse();
        return error;
    }

    [Fact]
    public void Good_package_verifies_and_extracts_byte_identical_files()
    {
        var package = _f.Build();

        var verified = _f.Verifier().Verify(new MemoryStream(package));
        verified.ExtractTo(_f.Staging);

        verified.Manifest.ShouldBe(PackageFixture.Manifest());
        verified.KeyId.ShouldBe(VendorSignature.KeyId(_f.Vendor));
        verified.Files.ShouldBe(["Joules.Plugins.Demo.dll", "de/Joules.Plugins.Demo.resources.dll", "readme.txt"]);
        foreach (var file in Directory.EnumerateFiles(_f.Published, "*", SearchOption.AllDirectories))
            File.ReadAllBytes(Path.Combine(_f.Staging, Path.GetRelativePath(_f.Published, file))).ShouldBe(File.ReadAllBytes(file));
        PluginManifest.Parse(File.ReadAllText(Path.Combine(_f.Staging, "plugin.json"))).ShouldBe(PackageFixture.Manifest());
        Directory.EnumerateFiles(_f.Staging, "*", SearchOption.AllDirectories).Count().ShouldBe(6);
    }

    [Fact]
    public void Extraction_keeps_the_signed_file_list_and_signature_in_the_control_folder()
    {
        var entries = PackageFixture.Read(_f.Build());

        _f.Verifier().Verify(new MemoryStream(PackageFixture.Write(entries))).ExtractTo(_f.Staging);

        File.ReadAllBytes(Path.Combine(_f.Staging, ".joules", "manifest.json")).ShouldBe(entries.Single(e => e.Name == "manifest.json").Content);
        File.ReadAllBytes(Path.Combine(_f.Staging, ".joules", "signature.json")).ShouldBe(entries.Single(e => e.Name == "signature.json").Content);
    }

    [Fact]
    public void Package_has_the_documented_layout_in_a_deterministic_order()
    {
        var first = PackageFixture.Read(_f.Build());
        var second = PackageFixture.Read(_f.Build());

        first.Select(e => e.Name).ShouldBe([
            "plugin.json", "files/Joules.Plugins.Demo.dll", "files/de/Joules.Plugins.Demo.resources.dll", "files/readme.txt",
            "manifest.json", "signature.json"]);
        second.Select(e => e.Name).ShouldBe(first.Select(e => e.Name));
        second.Single(e => e.Name == "manifest.json").Content.ShouldBe(first.Single(e => e.Name == "manifest.json").Content);
        var fileList = Encoding.UTF8.GetString(first.Single(e => e.Name == "manifest.json").Content);
        fileList.ShouldContain("\"path\": \"plugin.json\"");
        fileList.ShouldContain("\"size\": 20000");
    }

    [Fact]
    public void Builds_from_a_plugin_json_file_and_keeps_its_bytes()
    {
        var json = "{ \"id\": \"joules.demo\", \"version\": \"2.0.1\", \"displayName\": \"Demo\", \"coreContract\": \"1.0\", " +
                   "\"licenceProduct\": \"demo\", \"entryAssembly\": \"Joules.Plugins.Demo.dll\" }";
        File.WriteAllText(Path.Combine(_f.Published, "plugin.json"), json);
        using var output = new MemoryStream();

        PluginPackageBuilder.Build(_f.Published, Path.Combine(_f.Published, "plugin.json"), _f.Vendor, output);

        var entries = PackageFixture.Read(output.ToArray());
        Encoding.UTF8.GetString(entries.Single(e => e.Name == "plugin.json").Content).ShouldBe(json);
        entries.ShouldNotContain(e => e.Name == "files/plugin.json");
        _f.Verifier().Verify(new MemoryStream(output.ToArray())).Manifest.Version.ShouldBe("2.0.1");
    }

    [Fact]
    public void Builder_refuses_a_manifest_whose_entry_assembly_is_not_published()
    {
        var manifest = PackageFixture.Manifest() with { EntryAssembly = "Missing.dll" };
        Should.Throw<PluginPackageException>(() => _f.Build(manifest)).Message.ShouldContain("Missing.dll");
    }

    [Fact]
    public void Refuses_a_file_with_one_altered_byte()
    {
        var entries = PackageFixture.Read(_f.Build());
        var index = entries.FindIndex(e => e.Name == "files/Joules.Plugins.Demo.dll");
        var altered = entries[index].Content.ToArray();
        altered[1234] ^= 0x01;
        entries[index] = (entries[index].Name, altered);

        Refused(PackageFixture.Write(entries), "Datei files/Joules.Plugins.Demo.dll wurde verändert (Prüfsumme stimmt nicht)");
    }

    [Fact]
    public void Refuses_an_altered_file_list()
    {
        var entries = PackageFixture.Read(_f.Build());
        var index = entries.FindIndex(e => e.Name == "manifest.json");
        entries[index] = ("manifest.json", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[index].Content).Replace("20000", "20001")));

        Refused(PackageFixture.Write(entries), "Die Signatur des Pakets ist ungültig");
    }

    [Fact]
    public void Refuses_a_package_signed_by_an_untrusted_key()
    {
        using var stranger = VendorSignature.CreateKey();

        Refused(_f.Build(key: stranger), $"nicht vertrauenswürdigen Schlüssel ({VendorSignature.KeyId(stranger)})");
    }

    [Fact]
    public void Refuses_a_trusted_key_id_with_a_signature_from_another_key()
    {
        using var stranger = VendorSignature.CreateKey();
        var entries = PackageFixture.Read(_f.Build(key: stranger));
        var index = entries.FindIndex(e => e.Name == "signature.json");
        var text = Encoding.UTF8.GetString(entries[index].Content).Replace(VendorSignature.KeyId(stranger), VendorSignature.KeyId(_f.Vendor));
        entries[index] = ("signature.json", Encoding.UTF8.GetBytes(text));

        Refused(PackageFixture.Write(entries), "Die Signatur des Pakets ist ungültig");
    }

    [Fact]
    public void Refuses_a_package_without_signature()
    {
        var entries = PackageFixture.Read(_f.Build()).Where(e => e.Name != "signature.json");
        Refused(PackageFixture.Write(entries), "signature.json");
    }

    [Theory]
    [InlineData("../evil.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("files/../../x")]
    [InlineData("C:\\x")]
    [InlineData("C:/x")]
    [InlineData("files\\..\\evil.dll")]
    [InlineData("files/./x.dll")]
    [InlineData("files//x.dll")]
    [InlineData("evil.dll")]
    [InlineData("files/plugin.json")]
    [InlineData("files/.joules/manifest.json")]
    [InlineData("files/.JOULES/x.txt")]
    public void Refuses_entries_outside_the_allowed_layout(string name)
    {
        var entries = PackageFixture.Read(_f.Build());
        entries.Insert(1, (name, [1, 2, 3]));

        // Signed by the trusted vendor, so only the path rule can refuse it.
        Refused(_f.WriteSigned(entries), $"Unzulässiger Pfad {name} im Paket");
    }

    [Fact]
    public void Refuses_duplicate_names_ignoring_case()
    {
        var entries = PackageFixture.Read(_f.Build());
        entries.Insert(2, ("files/JOULES.PLUGINS.DEMO.DLL", [1]));

        Refused(_f.WriteSigned(entries), "Pfad files/JOULES.PLUGINS.DEMO.DLL kommt im Paket mehrfach vor");
    }

    [Fact]
    public void Refuses_too_long_paths()
    {
        var entries = PackageFixture.Read(_f.Build());
        var name = "files/" + new string('a', 60) + ".txt";
        entries.Insert(1, (name, [1]));

        Refused(_f.WriteSigned(entries), "ist zu lang (höchstens 50 Zeichen)", new PackageLimits { MaxPathLength = 50 });
    }

    [Fact]
    public void Refuses_a_file_missing_from_the_file_list()
    {
        var entries = PackageFixture.Read(_f.Build());
        entries.Insert(1, ("files/extra.dll", [1, 2, 3]));

        Refused(PackageFixture.Write(entries), "Datei files/extra.dll ist im Paket, aber nicht in manifest.json aufgeführt");
    }

    [Fact]
    public void Refuses_a_listed_file_missing_from_the_package()
    {
        var entries = PackageFixture.Read(_f.Build()).Where(e => e.Name != "files/readme.txt");

        Refused(PackageFixture.Write(entries), "Datei files/readme.txt ist in manifest.json aufgeführt, fehlt aber im Paket");
    }

    [Fact]
    public void Refuses_too_many_files()
    {
        Refused(_f.Build(), "zu viele Dateien (höchstens 2)", new PackageLimits { MaxFiles = 2 });
    }

    [Fact]
    public void Refuses_a_file_larger_than_the_single_file_limit()
    {
        Refused(_f.Build(), "Datei files/Joules.Plugins.Demo.dll im Paket ist zu groß", new PackageLimits { MaxFileBytes = 10_000 });
    }

    [Fact]
    public void Refuses_a_package_larger_than_the_package_limit()
    {
        Refused(_f.Build(), "Das Paket ist zu groß", new PackageLimits { MaxPackageBytes = 5_000 });
    }

    [Fact]
    public void Refuses_packages_whose_unpacked_total_is_too_large()
    {
        var entries = PackageFixture.Read(_f.Build());
        entries.Insert(1, ("files/zeros.bin", new byte[40_000]));
        var package = _f.WriteSigned(entries);
        package.Length.ShouldBeLessThan(30_000);

        Refused(package, "Das Paket ist entpackt zu groß", new PackageLimits { MaxPackageBytes = 50_000 });
    }

    [Fact]
    public void Refuses_an_entry_that_inflates_beyond_the_size_its_header_claims()
    {
        var entries = PackageFixture.Read(_f.Build());
        entries.Insert(1, ("files/bomb.bin", new byte[4_000_000]));
        var package = ZipBomb.ClaimSize(_f.WriteSigned(entries), "files/bomb.bin", 100);
        using (var archive = new ZipArchive(new MemoryStream(package)))
            archive.GetEntry("files/bomb.bin")!.Length.ShouldBe(100);

        // The inflated bytes are counted against the limit; the runtime's zip reader also stops at the declared
        // size, in which case the content no longer matches the signed file list. Either way nothing is written.
        var error = Refused(package, "Datei files/bomb.bin", new PackageLimits { MaxFileBytes = 100_000 });
        (error.Message.Contains("ist zu groß") || error.Message.Contains("Größe stimmt nicht")).ShouldBeTrue(error.Message);
    }

    [Fact]
    public void Counting_refuses_an_endless_stream_as_soon_as_it_passes_the_budget()
    {
        var endless = new EndlessStream();

        Should.Throw<PluginPackageException>(() =>
                PluginPackageVerifier.ReadBounded(endless, 1_000_000, () => new PluginPackageException("zu groß")))
            .Message.ShouldBe("zu groß");
        endless.Position.ShouldBeLessThanOrEqualTo(1_000_001);
    }

    [Fact]
    public void Verifies_a_non_seekable_package_only_up_to_the_package_limit()
    {
        Should.Throw<PluginPackageException>(() =>
                _f.Verifier(new PackageLimits { MaxPackageBytes = 5_000 }).Verify(new NonSeekableStream(_f.Build())))
            .Message.ShouldContain("Das Paket ist zu groß");
    }

    private sealed class EndlessStream : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0, offset, count);
            _position += count;
            return count;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Refuses_a_plugin_built_for_another_core_contract_major()
    {
        var error = Refused(_f.Build(PackageFixture.Manifest("2.0")), "Plugin joules.demo wurde für Core-Vertrag 2.0 gebaut; dieser Host bietet 1.0");
        error.Field.ShouldBe("coreContract");
    }

    [Fact]
    public void Refuses_a_plugin_needing_a_newer_core_contract_minor()
    {
        Refused(_f.Build(PackageFixture.Manifest("1.1")), "Core-Vertrag 1.1");
    }

    [Fact]
    public void Refuses_a_signed_package_with_a_malformed_plugin_json_naming_the_field()
    {
        var entries = PackageFixture.Read(_f.Build());
        var index = entries.FindIndex(e => e.Name == "plugin.json");
        var json = Encoding.UTF8.GetString(entries[index].Content).Replace("1.2.0-beta.1", "1.2");
        entries[index] = ("plugin.json", Encoding.UTF8.GetBytes(json));

        Refused(_f.WriteSigned(entries), "Feld „version“").Field.ShouldBe("version");
    }

    [Fact]
    public void Refuses_a_plugin_json_whose_entry_assembly_is_not_in_the_package()
    {
        var entries = PackageFixture.Read(_f.Build()).Where(e => e.Name != "files/Joules.Plugins.Demo.dll");

        Refused(_f.WriteSigned(entries), "Die Hauptassembly Joules.Plugins.Demo.dll fehlt im Paket");
    }

    [Fact]
    public void Refuses_something_that_is_not_a_zip()
    {
        Refused(Encoding.UTF8.GetBytes("kein zip"), "keine lesbare Zip-Datei");
    }

    [Fact]
    public void Extraction_refuses_a_non_empty_staging_folder()
    {
        Directory.CreateDirectory(_f.Staging);
        File.WriteAllText(Path.Combine(_f.Staging, "old.txt"), "alt");
        var verified = _f.Verifier().Verify(new MemoryStream(_f.Build()));

        Should.Throw<PluginPackageException>(() => verified.ExtractTo(_f.Staging)).Message.ShouldContain("nicht leer");
        Directory.EnumerateFileSystemEntries(_f.Staging).ShouldHaveSingleItem();
    }

    [Fact]
    public void Verifies_from_a_non_seekable_stream()
    {
        var verified = _f.Verifier().Verify(new NonSeekableStream(_f.Build()));
        verified.Manifest.Id.ShouldBe("joules.demo");
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
