using Joules.PluginPack;

namespace Joules.Core.Tests.Plugins.Packaging;

/// <summary>What the pack tool leaves out of a plugin package because the host ships it.</summary>
public sealed class PluginPackFilterTests
{
    // A cut-down host deps.json in the shape the SDK writes.
    private const string HostDeps = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "Joules.Host/1.0.0": { "runtime": { "Joules.Host.dll": {} }, "resources": { "en/Joules.Host.resources.dll": { "locale": "en" } } },
              "MudBlazor/9.12.0": { "runtime": { "lib/net10.0/MudBlazor.dll": {} } },
              "Microsoft.EntityFrameworkCore/10.0.15": { "runtime": { "lib/net10.0/Microsoft.EntityFrameworkCore.dll": {} } },
              "Microsoft.Data.SqlClient/6.1.7": {
                "runtime": { "lib/net9.0/Microsoft.Data.SqlClient.dll": {} },
                "resources": { "lib/net9.0/de/Microsoft.Data.SqlClient.resources.dll": { "locale": "de" } },
                "runtimeTargets": { "runtimes/unix/lib/net9.0/Microsoft.Data.SqlClient.dll": { "rid": "unix", "assetType": "runtime" } }
              },
              "SQLitePCLRaw.lib.e_sqlite3/2.1.13": {
                "runtimeTargets": { "runtimes/linux-x64/native/libe_sqlite3.so": { "rid": "linux-x64", "assetType": "native" } }
              },
              "Quartz/4.7.3": { "runtime": { "lib/net10.0/Quartz.dll": {} } },
              "Joules.Core/1.0.0": { "runtime": { "Joules.Core.dll": {} } }
            }
          }
        }
        """;

    private readonly HostFiles _host = HostFiles.FromDepsJson(HostDeps);

    [Theory]
    [InlineData("MudBlazor.dll")]
    [InlineData("Microsoft.EntityFrameworkCore.dll")]
    [InlineData("Quartz.dll")]
    [InlineData("Joules.Core.dll")]
    [InlineData("Joules.Core.pdb")]
    [InlineData("Joules.Core.xml")]
    [InlineData("en/Joules.Core.resources.dll")]
    [InlineData("de/Microsoft.Data.SqlClient.resources.dll")]
    [InlineData("runtimes/unix/lib/net9.0/Microsoft.Data.SqlClient.dll")]
    [InlineData("runtimes/linux-x64/native/libe_sqlite3.so")]
    [InlineData("runtimes\\linux-x64\\native\\libe_sqlite3.so")]
    [InlineData("wwwroot/_content/MudBlazor/MudBlazor.min.css")]
    public void Drops_what_the_host_ships(string path) => _host.IsShared(path).ShouldBeTrue();

    [Theory]
    [InlineData("Joules.Plugins.Newsletter.dll")]
    [InlineData("Joules.Plugins.Newsletter.pdb")]
    [InlineData("Joules.Plugins.Newsletter.deps.json")]
    [InlineData("en/Joules.Plugins.Newsletter.resources.dll")]
    [InlineData("CsvHelper.dll")]
    [InlineData("de/CsvHelper.resources.dll")]
    [InlineData("runtimes/linux-x64/native/libprivate.so")]
    [InlineData("wwwroot/newsletter.js")]
    [InlineData("wwwroot/Joules.Plugins.Newsletter.styles.css")]
    [InlineData("wwwroot/_content/CsvHelper/x.css")]
    [InlineData("Templates/Welcome.html")]
    public void Keeps_the_plugin_and_its_private_dependencies(string path) => _host.IsShared(path).ShouldBeFalse();

    [Fact]
    public void Names_host_assemblies_by_simple_name()
    {
        _host.IsHostAssembly("MudBlazor").ShouldBeTrue();
        _host.IsHostAssembly("Joules.Core.Something").ShouldBeTrue();
        _host.IsHostAssembly("Joules.Plugins.Newsletter").ShouldBeFalse();
    }

    [Fact]
    public void Refuses_a_deps_file_without_targets() =>
        Should.Throw<InvalidDataException>(() => HostFiles.FromDepsJson("{}"));
}
