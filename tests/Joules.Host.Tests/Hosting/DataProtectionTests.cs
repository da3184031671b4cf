using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Hosting;

public class DataProtectionTests
{
    [Fact]
    public async Task Keys_are_kept_in_the_data_folder_so_cookies_survive_a_restart()
    {
        string protectedText;
        string dataFolder;
        using (var first = new JoulesAppFactory())
        {
            dataFolder = first.DataFolder;
            var client = first.CreateClient();
            (await client.GetAsync("/account/login")).EnsureSuccessStatusCode();
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");
            Directory.GetFiles(Path.Combine(dataFolder, "keys"), "key-*.xml").ShouldNotBeEmpty();

            // A second host on the same data folder (a restart) can read what the first one protected.
            using var restarted = new SameFolderFactory(dataFolder);
            restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText).ShouldBe("signed in");
        }
    }

    private sealed class SameFolderFactory(string dataFolder) : JoulesAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Joules:DataFolder", dataFolder);
        }
    }
}
