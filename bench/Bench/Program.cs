Console.WriteLine("usage: see bench/README.md");
