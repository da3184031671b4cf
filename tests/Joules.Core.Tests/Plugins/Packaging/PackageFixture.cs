using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Packaging;

/// <summary>A temp folder with a published demo plugin, a vendor key and helpers to build, rewrite and verify real packages.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "joules-pkg-" + Guid.NewGuid().ToString("N"));
        Published = Path.Combine(Root, "published");
        Directory.CreateDirectory(Path.Combine(Published, "de"));
        var random = new Random(42);
        var dll = new byte[20_000];
        random.NextBytes(dll);
        File.WriteAllBytes(Path.Combine(Published, "Joules.Plugins.Demo.dll"), dll);
        File.WriteAllText(Path.Combine(Published, "de", "Joules.Plugins.Demo.resources.dll"), "Ressourcen");
        File.WriteAllText(Path.Combine(Published, "readme.txt"), "Demo-Plugin");
        Staging = Path.Combine(Root, "staging");
    }

    public string Root { get; }
    public string Published { get; }
    public string Staging { get; }
    public ECDsa Vendor { get; } = VendorSignature.CreateKey();

    public static PluginManifest Manifest(string coreContract = "1.0") => new()
    {
        Id = "joules.demo",
        Version = "1.2.0-beta.1",
        DisplayName = "Demo",
        CoreContract = coreContract,
        LicenceProduct = "demo",
        Description = "Ein Demo-Plugin",
        Author = "Joules",
        EntryAssembly = "Joules.Plugins.Demo.dll",
    };

    public byte[] Build(PluginManifest? manifest = null, ECDsa? key = null)
    {
        using var output = new MemoryStream();
        PluginPackageBuilder.Build(Published, manifest ?? Manifest(), key ?? Vendor, output);
        return output.ToArray();
    }

    public PluginPackageVerifier Verifier(PackageLimits? limits = null)
    {
        var publicKey = VendorSignature.ImportPublicKey(VendorSignature.ExportPublicKey(Vendor));
        return new PluginPackageVerifier([publicKey], limits);
    }

    /// <summary>The entries of a package in order.</summary>
    public static List<(string Name, byte[] Content)> Read(byte[] package)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (e.FullName, buffer.ToArray());
        }).ToList();
    }

    /// <summary>Writes entries as a zip, as they are (no new file list or signature).</summary>
    public static byte[] Write(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>Writes entries with a freshly computed manifest.json and signature.json, as a vendor would.</summary>
    public byte[] WriteSigned(IEnumerable<(string Name, byte[] Content)> entries, ECDsa? key = null)
    {
        var files = entries.Where(e => e.Name is not ("manifest.json" or "signature.json")).ToList();
        var list = new StringBuilder("[");
        list.AppendJoin(",", files.Select(f =>
            $"{{\"path\":\"{f.Name}\",\"size\":{f.Content.Length},\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(f.Content))}\"}}"));
        list.Append(']');
        var fileList = Encoding.UTF8.GetBytes(list.ToString());
        var signer = key ?? Vendor;
        var signature = Encoding.UTF8.GetBytes(
            $"{{\"keyId\":\"{VendorSignature.KeyId(signer)}\",\"algorithm\":\"{VendorSignature.Algorithm}\",\"signature\":\"{VendorSignature.Sign(fileList, signer)}\"}}");
        return Write(files.Append(("manifest.json", fileList)).Append(("signature.json", signature)));
    }

    public void Dispose()
    {
        Vendor.Dispose();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
