using Vigil.Cli;

return await VigilCli.Create().Parse(args).InvokeAsync();
