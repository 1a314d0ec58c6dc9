using System.CommandLine;
using Vigil.Alerts;
using Vigil.Demo;
using Vigil.Migration;
using Vigil.Budgets;
using Vigil.Reports;

namespace Vigil.Cli;

internal static class VigilCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Vigil: a post-launch control room in one process.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(BudgetCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }
}
