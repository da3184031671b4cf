using Microsoft.AspNetCore.Connections;

namespace Joules.Host.Hosting;

internal static class RunSetup
{
    /// <summary>Exit code when the host cannot listen because its address is taken.</summary>
    public const int AddressInUseExitCode = 2;

    /// <summary>Runs the host until it is stopped. An address another program already listens on ends the process with
    /// one line naming the address and how to choose another, instead of an unhandled exception and its stack.</summary>
    public static int RunJoules(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            Console.Error.WriteLine($"Joules cannot start: {ex.Message} Stop the program that uses it, or give Joules another " +
                                    "address, e.g. dotnet run --project Joules.Host -- --urls http://localhost:5080");
            return AddressInUseExitCode;
        }
    }
}
