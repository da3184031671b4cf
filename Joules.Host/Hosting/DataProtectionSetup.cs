using Microsoft.AspNetCore.DataProtection;

namespace Joules.Host.Hosting;

internal static class DataProtectionSetup
{
    /// <summary>Keeps the data protection key ring in &lt;data folder&gt;/keys so sign-in cookies and antiforgery
    /// tokens stay valid across restarts (and across nodes sharing the data folder).</summary>
    public static void AddJoulesDataProtection(this WebApplicationBuilder builder)
    {
        var settings = (JoulesSettings)builder.Services.Single(d => d.ServiceType == typeof(JoulesSettings)).ImplementationInstance!;
        var keys = Directory.CreateDirectory(Path.Combine(settings.DataFolder, "keys"));
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(keys)
            .SetApplicationName("Joules");
    }
}
