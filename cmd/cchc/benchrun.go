package main

import "context"

func (a *app) benchRun(ctx context.Context, args []string) error { return errUsage }
