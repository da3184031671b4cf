using System.IO.Compression;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Security;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>Uploaded packages are verified completely before anything is written; good ones go live at once.</summary>
public class PackageUploadTests : IClassFixture<PackageUploadTests.Host>
{
    public sealed class Host() : PluginHost(developmentLicence: true);

    private readonly Host _app;

    public PackageUploadTests(Host app) => _app = app;

    public static TheoryData<string> Tamperings => ["altered byte", "bad signature", "untrusted key", "zip slip", "wrong contract"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampered_package_is_refused_and_nothing_is_written(string tampering)
    {
        var package = tampering switch
        {
            "altered byte" => Rezip(Original(), (name, bytes) => name.EndsWith(".dll", StringComparison.Ordinal) ? Flip(bytes) : bytes),
            "bad signature" => Rezip(Original(), (name, bytes) => name == "manifest.json" ? Flip(bytes) : bytes),
            "untrusted key" => TestPlugins.Repack(TestPlugins.Notes, m => m, VendorSignature.CreateKey()),
            "zip slip" => Rezip(Original(), (_, bytes) => bytes, extra: ("files/../../evil.dll", [1, 2, 3])),
            _ => TestPlugins.Repack(TestPlugins.Notes, m => m with { CoreContract = "2.0" }, TestPlugins.DevelopmentKey()),
        };
        var before = Snapshot();

        var error = await Should.ThrowAsync<PluginPackageException>(() => InstallAsync(package, "notes.joules"));

        error.Message.ShouldNotBeNullOrWhiteSpace();
        Snapshot().ShouldBe(before);
        _app.Registry.Find(TestPlugins.Notes).ShouldBeNull();
    }

    [Fact]
    public async Task Wrong_contract_message_names_both_versions()
    {
        var package = TestPlugins.Repack(TestPlugins.Notes, m => m with { CoreContract = "2.0" }, TestPlugins.DevelopmentKey());
        var error = await Should.ThrowAsync<PluginPackageException>(() => InstallAsync(package, "notes.joules"));
        error.Message.ShouldContain("2.0");
        error.Message.ShouldContain(CoreContract.Current);
    }

    [Fact]
    public async Task Uploaded_package_is_active_at_once_and_a_new_version_replaces_it_live()
    {
        var first = await InstallAsync(File.ReadAllBytes(TestPlugins.Package(TestPlugins.Notes)), "notes.joules");
        first.State.ShouldBe(PluginState.Active);
        first.Pages.ShouldContain("/test-notes");
        first.Tables.ShouldContain("joules_test_notes_Notes");
        first.RestartRecommended.ShouldBeFalse();
        Directory.Exists(Path.Combine(_app.PluginsFolder, TestPlugins.Notes)).ShouldBeTrue();

        var second = await InstallAsync(
            TestPlugins.Repack(TestPlugins.Notes, m => m with { Version = "1.0.1" }, TestPlugins.DevelopmentKey()), "notes-1.0.1.joules");
        second.Version.ShouldBe("1.0.1");
        second.State.ShouldBe(PluginState.Active);
        second.RestartRecommended.ShouldBeTrue();
        _app.Registry.Find(TestPlugins.Notes)!.Manifest.Version.ShouldBe("1.0.1");
    }

    private async Task<PluginSummary> InstallAsync(byte[] package, string name)
    {
        PluginSummary? result = null;
        await _app.WithScopeAsync(async s =>
        {
            using var stream = new MemoryStream(package);
            result = await s.GetRequiredService<IPluginAdministration>().InstallPackageAsync(stream, name);
        });
        return result!;
    }

    private string[] Snapshot()
    {
        _ = _app.Services;
        return Directory.EnumerateFileSystemEntries(_app.PluginsFolder, "*", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(_app.PluginsFolder, p).StartsWith(".staging", StringComparison.Ordinal) || File.Exists(p))
            .Order().ToArray();
    }

    private static byte[] Original() => File.ReadAllBytes(TestPlugins.Package(TestPlugins.Notes));

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    private static byte[] Rezip(byte[] package, Func<string, byte[], byte[]> change, (string Name, byte[] Content)? extra = null)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(change(entry.FullName, buffer.ToArray()));
            }
            if (extra is { } e)
            {
                using var write = target.CreateEntry(e.Name).Open();
                write.Write(e.Content);
            }
        }
        return output.ToArray();
    }
}
