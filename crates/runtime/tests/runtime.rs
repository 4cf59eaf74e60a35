//! Integration tests of the runtime: hand-built programs stepped to completion with invariants checked
//! after every step; event traces, outputs and endings compared with Go 1.23's behaviour.

mod common;

use common::*;
use runtime::program::{BinOp, DataFile, Instr, NumKind, Program, Reg, RtCode, StrConvOp};
use runtime::types::builtin;
use runtime::{Config, Event, PolicyConfig, Runtime, Status};

fn config(processors: u32, seed: u64) -> Config {
    Config {
        processors,
        policy: PolicyConfig::GoLike { seed },
        ..Config::default()
    }
}

/// Steps to the end, checking invariants after every step; returns the events.
fn run_checked(program: Program, cfg: Config) -> (Runtime, Vec<Event>) {
    let mut rt = Runtime::new(program, cfg).expect("loads");
    let mut events = Vec::new();
    rt.check_invariants();
    for _ in 0..1_000_000 {
        if !rt.status().is_running() {
            break;
        }
        let step = rt.step();
        rt.check_invariants();
        events.extend(step.events);
    }
    (rt, events)
}

fn stdout(rt: &Runtime) -> String {
    String::from_utf8_lossy(rt.stdout()).into_owned()
}
fn stderr(rt: &Runtime) -> String {
    String::from_utf8_lossy(rt.stderr()).into_owned()
}

#[test]
fn ping_pong_runs_to_completion() {
    for procs in [1, 2, 4] {
        let (rt, _) = run_checked(ping_pong(10), config(procs, 1));
        assert_eq!(
            rt.status(),
            &Status::Exited { code: 0 },
            "procs {procs}: {}",
            stderr(&rt)
        );
        assert_eq!(stdout(&rt), "10\n");
    }
}

#[test]
fn spawn_and_wait_sums() {
    for procs in [1, 3] {
        let (rt, _) = run_checked(spawn_and_wait(20), config(procs, 7));
        assert_eq!(rt.status(), &Status::Exited { code: 0 }, "{}", stderr(&rt));
        assert_eq!(stdout(&rt), "190\n");
    }
}

fn trace(events: &[Event]) -> String {
    events.iter().map(|e| format!("{e}\n")).collect()
}

/// `for i := 0; i < 3; i++ { go func(i int) { println(i) }(i) }; time.Sleep(1ms)`
fn spawn_three() -> Program {
    program(|b, main| {
        let f_id = b.declare_func("main.main.func1", 1, &[]);
        {
            let mut f = b.func(f_id);
            f.line(9);
            let i = f.param(0);
            f.print_int(i);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(8);
        let n = f.int(3);
        f.repeat(n, |f, i| f.go(f_id, &[i]));
        f.line(11);
        f.sleep_ms(1);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn new_goroutines_go_to_runnext_like_go() {
    let (rt, events) = run_checked(spawn_three(), config(1, 0));
    // Go 1.23, GOMAXPROCS=1 prints 2 0 1 (the last created is in runnext).
    assert_eq!(stdout(&rt), "2\n0\n1\n");
    expect_test::expect![[r#"
        P0 runs G1 from runnext
        G1 created G6 running main.main.func1 (line 8)
        G6 readied into P0 runnext
        G1 created G7 running main.main.func1 (line 8)
        G7 readied into P0 runnext, kicking G6 to the local queue tail
        G1 created G8 running main.main.func1 (line 8)
        G8 readied into P0 runnext, kicking G7 to the local queue tail
        timer 0 set for 2009-11-10 23:00:00.001 +0000 UTC
        G1 parked (sleep) until timer 0 fires
        P0 runs G8 from runnext
        stdout: "2\n"
        G8 exited
        P0 runs G6 from its local queue
        stdout: "0\n"
        G6 exited
        P0 runs G7 from its local queue
        stdout: "1\n"
        G7 exited
        P0 found no work and went idle
        nothing can run: clock jumped 1ms to 2009-11-10 23:00:00.001 +0000 UTC
        M0 started to run P0
        timer 0 fired
        G1 readied into P0 runnext
        P0 runs G1 from runnext
        program exited with code 0
    "#]]
    .assert_eq(&trace(&events));
}

/// main: ch := make(chan int); <-ch
fn deadlock_recv() -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let mut f = b.func(main);
        f.line(6);
        let ch = f.make_chan(ct, 0);
        f.line(7);
        f.recv(ch);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn deadlock_is_reported_as_go_does() {
    let (rt, _) = run_checked(deadlock_recv(), config(1, 0));
    assert_eq!(rt.status(), &Status::Deadlocked);
    assert_eq!(rt.status().exit_code(), Some(2));
    expect_test::expect![[r#"
        fatal error: all goroutines are asleep - deadlock!

        goroutine 1 [chan receive]:
        main.main()
        	main.go:7 +0x0
    "#]]
    .assert_eq(&stderr(&rt));
}

/// Receivers then senders blocked on one channel; close releases them in gList stack order.
fn close_releases() -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let recv = b.declare_func("main.receiver", 2, &[]);
        {
            let mut f = b.func(recv);
            f.line(5);
            let (ch, i) = (f.param(0), f.param(1));
            let v = f.rt(RtCode::ChanRecv2, &[ch], builtin::INT);
            f.print_str_int("r", i);
            let _ = v;
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let ch = f.make_chan(ct, 0);
        let n = f.int(3);
        f.repeat(n, |f, i| f.go(recv, &[ch, i]));
        f.sleep_ms(1);
        f.close(ch);
        f.sleep_ms(1);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn close_wakes_receivers_in_reverse_order() {
    let (rt, _) = run_checked(close_releases(), config(1, 0));
    // Go 1.23 (probe t2.go): r 2, r 1, r 0.
    assert_eq!(stdout(&rt), "r 2\nr 1\nr 0\n");
}

#[test]
fn unlock_of_unlocked_mutex_is_fatal() {
    let p = program(|b, main| {
        let mut f = b.func(main);
        f.line(4);
        let mu = f.new_sync();
        f.rt(RtCode::MutexUnlock, &[mu], builtin::INT);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    assert_eq!(
        rt.status(),
        &Status::Fatal {
            message: "sync: unlock of unlocked mutex".into()
        }
    );
    assert!(
        stderr(&rt)
            .starts_with("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"),
        "{}",
        stderr(&rt)
    );
}

#[test]
fn negative_waitgroup_counter_panics() {
    let p = program(|b, main| {
        let mut f = b.func(main);
        f.line(4);
        let wg = f.new_sync();
        f.rt(RtCode::WaitGroupDone, &[wg], builtin::INT);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    assert!(matches!(rt.status(), Status::Panicked { .. }));
    expect_test::expect![[r#"
        panic: sync: negative WaitGroup counter

        goroutine 1 [running]:
        sync.(*WaitGroup).Add(0x0?, 0x0?)
        	sync/waitgroup.go:64 +0x0
        sync.(*WaitGroup).Done(...)
        	sync/waitgroup.go:89 +0x0
        main.main()
        	main.go:4 +0x0
    "#]]
    .assert_eq(&stderr(&rt));
}

#[test]
fn main_returning_exits_zero_with_blocked_goroutines() {
    let p = program(|b, main| {
        let ct = chan_int(b);
        let blocked = b.declare_func("main.leak", 1, &[]);
        {
            let mut f = b.func(blocked);
            f.line(5);
            let ch = f.param(0);
            f.recv(ch);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(9);
        let ch = f.make_chan(ct, 0);
        f.go(blocked, &[ch]);
        f.sleep_ms(1);
        let n = f.rt(RtCode::NumGoroutine, &[], builtin::INT);
        f.print_int(n);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    assert_eq!(rt.status(), &Status::Exited { code: 0 });
    assert_eq!(stdout(&rt), "2\n");
}

#[test]
fn goexit_from_main_with_nothing_left_is_fatal() {
    let p = program(|b, main| {
        let mut f = b.func(main);
        f.emit(Instr::Goexit);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    assert_eq!(
        stderr(&rt),
        "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n"
    );
    assert_eq!(rt.status().exit_code(), Some(2));
}

#[test]
fn empty_select_blocks_forever() {
    let p = program(|b, main| {
        let mut f = b.func(main);
        f.line(3);
        f.select(&[], false);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    assert!(
        stderr(&rt).contains("goroutine 1 [select (no cases)]:\n"),
        "{}",
        stderr(&rt)
    );
}

/// Three workers block sending on an unbuffered channel nobody reads; one more waits on a channel main
/// still holds while it sleeps.
fn leaky() -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let worker = b.declare_func("main.worker", 2, &[]);
        {
            let mut f = b.func(worker);
            f.line(6);
            let (ch, i) = (f.param(0), f.param(1));
            f.send(ch, i);
            f.ret(&[]);
            f.finish();
        }
        let spawn = b.declare_func("main.spawn", 0, &[]);
        {
            let mut f = b.func(spawn);
            f.line(12);
            let ch = f.make_chan(ct, 0);
            let n = f.int(3);
            f.repeat(n, |f, i| f.go(worker, &[ch, i]));
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(13);
        f.call(spawn, &[]);
        let held = f.make_chan(ct, 0);
        let one = f.int(1);
        f.line(14);
        f.go(worker, &[held, one]);
        f.line(15);
        f.sleep_ms(5);
        f.recv(held);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn leak_report_groups_and_judges_reachability() {
    let mut rt = Runtime::new(leaky(), config(1, 0)).unwrap();
    // Run until main sleeps and everything else has blocked.
    while rt.now_ns() == runtime::time::FAKETIME_START_NS && rt.status().is_running() {
        let before = rt.snapshot();
        if before.goroutines.iter().all(|g| g.status == "waiting") && before.goroutines.len() == 5 {
            break;
        }
        rt.step();
        rt.check_invariants();
    }
    expect_test::expect![[r#"
        goroutine profile: total 5 blocked
        3 @ [chan send] on chan 0 (goroutines 5, 6, 7)
        #	main.worker	main.go:6
        #	created by main.spawn in goroutine 1 at main.go:12
        #	nothing can ever wake it: no live goroutine or timer can reach chan 0

        1 @ [sleep] on timer 0 (goroutines 1)
        #	time.Sleep	runtime/time.go:300
        #	main.main	main.go:15
        #	created by runtime.main
        #	may still be woken: a live goroutine or timer can reach timer 0

        1 @ [chan send] on chan 1 (goroutines 8)
        #	main.worker	main.go:6
        #	created by main.main in goroutine 1 at main.go:14
        #	may still be woken: a live goroutine or timer can reach chan 1

    "#]]
    .assert_eq(&rt.leak_report().to_string());
    rt.run_to_end();
    let report = rt.leak_report();
    assert_eq!(rt.status(), &Status::Exited { code: 0 });
    assert_eq!((report.total, report.leaked()), (3, 3));
}

#[test]
fn select_order_depends_on_seed_and_replays_from_the_schedule() {
    let mut outputs = std::collections::BTreeSet::new();
    for seed in 0..8 {
        let (rt, _) = run_checked(select_two(6), config(1, seed));
        assert_eq!(rt.status(), &Status::Exited { code: 0 });
        let out = stdout(&rt);
        assert_eq!(out.lines().filter(|l| *l == "0").count(), 6);
        outputs.insert(out.clone());
        // Replaying the recorded schedule reproduces the run exactly.
        let schedule = rt.schedule();
        let encoded = schedule.encode();
        assert!(encoded.len() < 20, "{encoded}");
        let replay = Config {
            policy: PolicyConfig::Replay(runtime::Schedule::decode(&encoded).unwrap()),
            ..config(1, 99)
        };
        let (again, _) = run_checked(select_two(6), replay);
        assert_eq!(stdout(&again), out);
        assert_eq!(again.snapshot(), rt.snapshot());
    }
    assert!(
        outputs.len() > 1,
        "select's poll order must vary with the seed"
    );
}

#[test]
fn manual_choice_picks_the_select_case_and_forks_replay() {
    use runtime::{ChoiceKind, History};
    let cfg = Config {
        policy: PolicyConfig::Manual { seed: 3 },
        ..Config::default()
    };
    let mut h = History::new(Runtime::new(select_two(3), cfg.clone()).unwrap());
    // Step until main's first select has both cases ready, then fork choosing case 1 (the second ready).
    let mut fork_at = None;
    while h.current().status().is_running() {
        let snap = h.current().snapshot();
        let both_ready = snap.channels.iter().filter(|c| c.qcount > 0).count() == 2;
        let main_runs = snap.processors[0].running == Some(runtime::GoroutineId(1));
        if both_ready && main_runs && fork_at.is_none() {
            // Dry run on a clone to see what Go's pick would be, then choose the other ready case.
            let mut probe = h.current().clone();
            let chosen = probe.step().events.iter().find_map(|e| match e {
                Event::SelectChose { case: Some(c), .. } => Some(*c),
                _ => None,
            });
            let Some(chosen) = chosen else {
                h.step();
                continue;
            };
            fork_at = Some(h.current().steps());
            let step = h.fork(&[(ChoiceKind::SelectCase, 1 - chosen)]);
            assert!(step.events.contains(&Event::SelectChose {
                goroutine: runtime::GoroutineId(1),
                case: Some(1 - chosen)
            }));
            break;
        }
        h.step();
    }
    let fork_at = fork_at.expect("both cases were ready at some point");
    while h.current().status().is_running() {
        h.step();
    }
    let forked = h.current().clone();
    assert!(
        !forked.schedule().overrides.is_empty(),
        "the manual choice is recorded"
    );
    // The recorded schedule replays the forked run.
    let replay = Config {
        policy: PolicyConfig::Replay(forked.schedule()),
        ..cfg
    };
    let (again, _) = run_checked(select_two(3), replay);
    assert_eq!(again.stdout(), forked.stdout());
    // Seeking back before the fork and forward again stays on the forked timeline.
    h.seek(fork_at).unwrap();
    h.seek(forked.steps()).unwrap();
    assert_eq!(h.current().snapshot(), forked.snapshot());
}

#[test]
fn forking_a_replayed_run_drops_the_old_branch_on_every_checkpoint() {
    // A replayed schedule with overrides all along the run; fork in the middle; then seeking back to
    // step 0's checkpoint and forward again must stay on the new branch, not replay the old overrides.
    let overrides: Vec<(u64, u32)> = (0..200).map(|d| (d * 3 + 1, 1)).collect();
    let schedule = runtime::Schedule {
        processors: 1,
        base: runtime::policy::BasePolicy::GoLike,
        seed: 3,
        overrides,
    };
    let cfg = Config {
        policy: PolicyConfig::Replay(schedule),
        ..Config::default()
    };
    let mut h = runtime::History::new(Runtime::new(select_two(40), cfg).unwrap());
    while h.current().status().is_running() {
        h.step();
    }
    let end = h.current().steps();
    let old_end = h.current().snapshot();
    let mut k = end / 2;
    h.seek(k).unwrap();
    while h.current().decisions() < 10 {
        k += 1;
        h.seek(k).unwrap();
    }
    h.fork(&[]);
    while h.current().status().is_running() {
        h.step();
    }
    let new_end = h.current().snapshot();
    assert_ne!(old_end, new_end, "the fork changed the run");
    h.seek(0).unwrap();
    h.seek(new_end.step).unwrap();
    assert_eq!(h.current().snapshot(), new_end);
}

#[test]
fn seeking_back_equals_a_fresh_replay() {
    // Property: for many targets, seek(k) gives the same state as a fresh run of k steps.
    for (procs, seed) in [(1, 5), (2, 11), (4, 2)] {
        let cfg = Config {
            policy: PolicyConfig::Random { seed },
            ..config(procs, seed)
        };
        let mut h = runtime::History::new(Runtime::new(select_two(40), cfg.clone()).unwrap());
        while h.current().status().is_running() {
            h.step();
            h.current().check_invariants();
        }
        let end = h.current().steps();
        let mut rng = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        for _ in 0..25 {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (rng >> 33) % (end + 1);
            h.seek(k).unwrap();
            let mut fresh = Runtime::new(select_two(40), cfg.clone()).unwrap();
            fresh.run(runtime::Fuel { steps: k });
            assert_eq!(
                h.current().snapshot(),
                fresh.snapshot(),
                "procs {procs} seed {seed} step {k}"
            );
        }
    }
}

#[test]
fn buffered_pipe_and_contended_mutex_finish_on_many_processors() {
    for procs in [1, 2, 4] {
        let (rt, _) = run_checked(buffered_pipe(100), config(procs, 3));
        assert_eq!(stdout(&rt), "4950\n", "{}", stderr(&rt));
        let (rt, events) = run_checked(contended_mutex(4, 5), config(procs, 3));
        assert_eq!(stdout(&rt), "20\n", "procs {procs}: {}", stderr(&rt));
        let parked_on_mutex = events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::Parked {
                        reason: runtime::goroutine::WaitReason::SyncMutexLock,
                        ..
                    }
                )
            })
            .count();
        assert!(
            parked_on_mutex > 0,
            "Gosched inside the critical section makes others block on the mutex"
        );
        if procs > 1 {
            assert!(
                events.iter().any(|e| matches!(e, Event::Stolen { .. })),
                "idle Ps steal work"
            );
        }
    }
}

#[test]
fn event_trace_hash_is_pinned_for_the_wasm_comparison() {
    let (program, config) = determinism_case();
    assert_eq!(trace_hash(program, config), DETERMINISM_TRACE_HASH);
}

/// Ticker every 10ms read 3 times (printing elapsed ms), Stop; AfterFunc(5ms) prints from a new goroutine;
/// then `select { case <-never: case <-time.After(50ms): println("timeout") }`, then `<-never` deadlocks.
fn timers_program() -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let fired = b.declare_func("main.main.func1", 0, &[]);
        {
            let mut f = b.func(fired);
            f.line(20);
            f.print_str("fired");
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let start = f.rt(RtCode::Now, &[], builtin::INT);
        let ms = f.int(1_000_000);
        let period = f.int(10);
        f.emit(Instr::Binary {
            op: runtime::program::BinOp::Mul,
            kind: runtime::program::NumKind::Int,
            dst: period,
            lhs: period,
            rhs: ms,
        });
        let ticker = f.rt(RtCode::NewTicker, &[period], builtin::INT);
        let three = f.int(3);
        f.repeat(three, |f, _| {
            f.recv(ticker.offset(1));
            let now = f.rt(RtCode::Now, &[], builtin::INT);
            f.emit(Instr::Binary {
                op: runtime::program::BinOp::Sub,
                kind: runtime::program::NumKind::Int,
                dst: now,
                lhs: now,
                rhs: start,
            });
            f.emit(Instr::Binary {
                op: runtime::program::BinOp::Div,
                kind: runtime::program::NumKind::Int,
                dst: now,
                lhs: now,
                rhs: ms,
            });
            f.print_int(now);
        });
        let stopped = f.rt(RtCode::TimerStop, &[ticker], builtin::INT);
        f.println(&[(stopped, builtin::BOOL)]);
        let five = f.int(5_000_000);
        let fv = f.reg();
        f.emit(Instr::Func {
            dst: fv,
            func: fired,
        });
        f.rt(RtCode::AfterFunc, &[five, fv], builtin::INT);
        f.sleep_ms(10);
        let never = f.make_chan(ct, 0);
        let fifty = f.int(50_000_000);
        let after = f.rt(RtCode::After, &[fifty], builtin::INT);
        f.line(30);
        let r = f.select(
            &[
                runtime::program::SelectCaseDesc::Recv { chan: never },
                runtime::program::SelectCaseDesc::Recv { chan: after },
            ],
            false,
        );
        f.print_str_int("case", r);
        f.line(32);
        f.recv(never);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn timers_tickers_and_virtual_time() {
    let (rt, _) = run_checked(timers_program(), config(1, 0));
    assert_eq!(stdout(&rt), "10\n20\n30\ntrue\nfired\ncase 1\n");
    assert_eq!(rt.status(), &Status::Deadlocked);
    // 30ms of ticks, 10ms of sleep, 50ms timeout: the clock moved 90ms.
    assert_eq!(rt.now_ns() - runtime::time::FAKETIME_START_NS, 90_000_000);
    assert!(
        stderr(&rt).contains("goroutine 1 [chan receive]:\nmain.main()\n\tmain.go:32 +0x0\n"),
        "{}",
        stderr(&rt)
    );
}

#[test]
fn blocking_syscall_hands_the_processor_to_another_thread() {
    let mut p = program(|b, main| {
        let reader = b.declare_func("main.reader", 0, &[]);
        {
            let mut f = b.func(reader);
            f.line(5);
            // fd, errno := open("in.txt", O_RDONLY); n, errno := read(fd, make([]byte, 8))
            let path = f.reg();
            let k = f.str_const("in.txt");
            f.emit(Instr::Const {
                dst: path,
                konst: k,
            });
            let flag = f.int(0);
            let opened = f.rt(RtCode::SyscallOpen, &[path, flag], builtin::INT);
            let len = f.int(8);
            let buf = f.reg();
            f.emit(Instr::MakeSlice {
                dst: buf,
                len,
                cap: Reg::NONE,
                ty: builtin::SLICE_BYTE,
            });
            let read = f.rt(RtCode::SyscallRead, &[opened, buf], builtin::INT);
            let s = f.reg();
            f.emit(Instr::StrConv {
                op: StrConvOp::FromBytes,
                dst: s,
                src: buf,
            });
            f.println(&[
                (read, builtin::INT),
                (Reg(read.0 + 1), builtin::INT),
                (s, builtin::STRING),
            ]);
            f.ret(&[]);
            f.finish();
        }
        let other = b.declare_func("main.other", 0, &[]);
        {
            let mut f = b.func(other);
            f.line(9);
            f.print_str("other ran");
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(12);
        f.go(other, &[]);
        f.go(reader, &[]);
        f.sleep_ms(5);
        f.ret(&[]);
        f.finish();
    });
    p.data_files.push(DataFile {
        name: "in.txt".into(),
        data: b"file data".to_vec(),
    });
    let (rt, events) = run_checked(p, config(1, 0));
    assert_eq!(stdout(&rt), "other ran\n8 0 file dat\n");
    let lines: Vec<String> = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::SyscallEntered { .. }
                    | Event::ProcessorHandedOff { .. }
                    | Event::SyscallExited { .. }
            )
        })
        .map(|e| e.to_string())
        .collect();
    expect_test::expect![[r#"
        [
            "G7 entered a blocking system call, read(fd 3 \"in.txt\", 8 bytes), on M0",
            "P0 handed off from M0 to M1",
            "G7 returned from its system call on M0 and got P0",
        ]
    "#]]
    .assert_debug_eq(&lines);
}

#[test]
fn snapshot_shows_queues_channels_and_waiters() {
    let mut rt = Runtime::new(close_releases(), config(1, 0)).unwrap();
    // Run until the three receivers are parked and main sleeps.
    while rt
        .snapshot()
        .channels
        .first()
        .is_none_or(|c| c.recvq.len() < 3)
    {
        rt.step();
        rt.check_invariants();
    }
    let snap = rt.snapshot();
    let json = serde_json::to_string(&snap).unwrap();
    let back: runtime::Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, snap);
    let summary: Vec<String> = snap
        .goroutines
        .iter()
        .map(|g| {
            format!(
                "G{} {} {:?} {:?} line {}",
                g.id.0, g.status, g.wait_reason, g.waiting_on, g.span.line
            )
        })
        .chain(snap.channels.iter().map(|c| {
            let q: Vec<u32> = c.recvq.iter().map(|w| w.goroutine.0).collect();
            format!(
                "chan {} cap {} recvq {:?} closed {}",
                c.id.0, c.capacity, q, c.closed
            )
        }))
        .chain(snap.processors.iter().map(|p| {
            format!(
                "P{} running {:?} runnext {:?} local {:?}",
                p.id.0, p.running, p.runnext, p.local_runq
            )
        }))
        .collect();
    expect_test::expect![[r#"
        [
            "G1 waiting Some(Sleep) Timer(TimerId(0)) line 10",
            "G6 waiting Some(ChanReceive) Chan(ChanId(0)) line 5",
            "G7 waiting Some(ChanReceive) Chan(ChanId(0)) line 5",
            "G8 waiting Some(ChanReceive) Chan(ChanId(0)) line 5",
            "chan 0 cap 0 recvq [8, 6, 7] closed false",
            "P0 running None runnext None local []",
        ]
    "#]]
    .assert_debug_eq(&summary);
}

#[test]
fn first_goroutine_id_is_5_without_os_and_6_with_fmt() {
    // Go 1.23.5 probes: a program that does not import os numbers its first goroutine 5; fmt imports os,
    // whose file finalizers start the finalizer goroutine (5), so the first user goroutine is 6.
    let plain = program(|b, main| {
        let body = b.declare_func("main.main.func1", 0, &[]);
        {
            let mut f = b.func(body);
            f.select(&[], false);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.go(body, &[]);
        f.select(&[], false);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(plain, config(1, 0));
    assert!(
        stderr(&rt).contains("goroutine 5 [select (no cases)]"),
        "{}",
        stderr(&rt)
    );
    let (rt, _) = run_checked(spawn_three(), config(1, 0));
    assert_eq!(rt.goroutines()[1].id, runtime::GoroutineId(6));
}

/// Emits `panic("<s>")` (a string constant converted to `any`).
fn emit_panic_str(f: &mut runtime::builder::FuncBuilder<'_>, s: &str) {
    let c = f.str_const(s);
    let r = f.reg();
    f.emit(Instr::Const { dst: r, konst: c });
    let i = f.reg();
    f.emit(Instr::MakeIface {
        dst: i,
        src: r,
        ty: builtin::STRING,
    });
    f.emit(Instr::Panic { src: i });
}

#[test]
fn panic_in_deferred_call_shows_gopanic_frame() {
    // Go 1.23 (tests/programs/fail/panic_nested): the deferred call run by the first panic sits on a
    // `panic({0x?, 0x?})` frame at runtime/panic.go:785, and is itself never shown as inlined.
    let p = program(|b, main| {
        let func1 = b.declare_func("main.main.func1", 0, &[]);
        {
            let mut f = b.func(func1);
            f.line(8);
            emit_panic_str(&mut f, "second (from defer)");
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(7);
        let r = f.reg();
        f.emit(Instr::Func {
            dst: r,
            func: func1,
        });
        f.emit(Instr::Defer { callee: r, args: r });
        f.line(11);
        emit_panic_str(&mut f, "first");
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    expect_test::expect![[r#"
        panic: first
        	panic: second (from defer)

        goroutine 1 [running]:
        main.main.func1()
        	main.go:8 +0x0
        panic({0x0?, 0x0?})
        	runtime/panic.go:785 +0x0
        main.main()
        	main.go:11 +0x0
    "#]]
    .assert_eq(&stderr(&rt));
}

#[test]
fn panic_in_call_deferred_by_goexit_shows_goexit_frame() {
    // Go 1.23: runtime.Goexit calls the deferred functions itself (runtime/panic.go:629).
    let p = program(|b, main| {
        let func1 = b.declare_func("main.main.func1", 0, &[]);
        {
            let mut f = b.func(func1);
            f.line(5);
            emit_panic_str(&mut f, "in goexit defer");
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(4);
        let r = f.reg();
        f.emit(Instr::Func {
            dst: r,
            func: func1,
        });
        f.emit(Instr::Defer { callee: r, args: r });
        f.line(7);
        f.emit(Instr::Goexit);
        f.ret(&[]);
        f.finish();
    });
    let (rt, _) = run_checked(p, config(1, 0));
    expect_test::expect![[r#"
        panic: in goexit defer

        goroutine 1 [running]:
        main.main.func1()
        	main.go:5 +0x0
        runtime.Goexit()
        	runtime/panic.go:629 +0x0
        main.main()
        	main.go:7 +0x0
    "#]]
    .assert_eq(&stderr(&rt));
}

/// main: `mu.Lock(); go signaller(mu, c); t := notifyListAdd(c); mu.Unlock(); time.Sleep(1ms);
/// notifyListWait(c, t); mu.Lock(); print("woke")` where the signaller locks, signals and unlocks while main
/// is between its unlock and its wait. `ticket_first` selects Go's order (ticket before the unlock) or the
/// old single op (ticket taken at the wait).
fn cond_signal_between_unlock_and_wait(ticket_first: bool) -> Program {
    program(|b, main| {
        let signaller = b.declare_func("main.main.func1", 2, &[]);
        {
            let mut f = b.func(signaller);
            f.line(5);
            let (mu, c) = (f.param(0), f.param(1));
            f.rt(RtCode::MutexLock, &[mu], builtin::INT);
            f.rt(RtCode::CondSignal, &[c], builtin::INT);
            f.rt(RtCode::MutexUnlock, &[mu], builtin::INT);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let mu = f.new_sync();
        let c = f.new_sync();
        f.rt(RtCode::MutexLock, &[mu], builtin::INT);
        f.go(signaller, &[mu, c]);
        let t = if ticket_first {
            Some(f.rt(RtCode::CondAdd, &[c], builtin::INT))
        } else {
            None
        };
        f.rt(RtCode::MutexUnlock, &[mu], builtin::INT);
        // Stands for a preemption between the unlock and the park: the signaller runs meanwhile.
        f.sleep_ms(1);
        match t {
            Some(t) => f.rt(RtCode::CondWaitTicket, &[c, t], builtin::INT),
            None => f.rt(RtCode::CondWait, &[c], builtin::INT),
        };
        f.rt(RtCode::MutexLock, &[mu], builtin::INT);
        f.print_str("woke");
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn cond_signal_after_ticket_before_park_is_not_lost() {
    // Go's Cond.Wait takes its ticket (notifyListAdd) before unlocking L: a Signal that runs before the
    // waiter parks notifies that ticket and notifyListWait returns at once.
    let (rt, _) = run_checked(cond_signal_between_unlock_and_wait(true), config(1, 0));
    assert_eq!(rt.status().exit_code(), Some(0), "{}", stderr(&rt));
    assert_eq!(stdout(&rt), "woke\n");
    // With the ticket taken only at the wait, the same Signal finds no waiter and is lost.
    let (rt, _) = run_checked(cond_signal_between_unlock_and_wait(false), config(1, 0));
    assert!(
        stderr(&rt).starts_with("fatal error: all goroutines are asleep - deadlock!"),
        "{}",
        stderr(&rt)
    );
}

#[test]
fn parked_goroutine_costs_at_most_300_host_bytes() {
    // Issue goal: <= 300 B per parked goroutine (its G record, stack buffers and sudog); Go uses 2,671 B.
    let n = 200;
    let mut rt = Runtime::new(common::parked(n), config(1, 0)).expect("loads");
    while rt.now_ns() == runtime::time::FAKETIME_START_NS && rt.status().is_running() {
        rt.run(runtime::Fuel { steps: 1 });
    }
    let parked: Vec<_> = rt
        .goroutines()
        .iter()
        .filter(|g| !g.is_main)
        .map(|g| g.id)
        .collect();
    assert_eq!(parked.len(), n as usize);
    let total: usize = parked.iter().map(|&g| rt.goroutine_host_bytes(g)).sum();
    let per = total / parked.len();
    assert!(per <= 300, "{per} B per parked goroutine");
}

#[test]
fn collection_keeps_closures_of_goroutines_that_have_not_run() {
    // 6000 `go func() { ch <- v }()` before any of them runs: each closure environment is referenced only by
    // the new goroutine's frame, and more than 4096 allocations trigger a collection meanwhile.
    let n = 6000;
    let p = program(|b, main| {
        let ct = chan_int(b);
        let ints = b
            .types()
            .intern(runtime::types::TypeKind::Slice { elem: builtin::INT });
        let worker = b.declare_func("main.main.func1", 0, &[]);
        {
            let mut f = b.func(worker);
            f.line(5);
            let ch = f.reg();
            f.emit(Instr::Capture { dst: ch, index: 0 });
            let v = f.reg();
            f.emit(Instr::Capture { dst: v, index: 1 });
            f.send(ch, v);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let ch = f.make_chan(ct, n);
        let count = f.int(n);
        f.repeat(count, |f, i| {
            let caps = f.consecutive(&[ch, i]);
            let c = f.reg();
            f.emit(Instr::Closure {
                dst: c,
                func: worker,
                captures: caps,
                count: 2,
            });
            f.emit(Instr::Go {
                callee: c,
                args: Reg(0),
            });
        });
        // 1<<20 slots allocated: the heap collects after this step; then reuse of freed objects.
        let big = f.int(1 << 20);
        let s = f.reg();
        f.emit(Instr::MakeSlice {
            dst: s,
            len: big,
            cap: Reg::NONE,
            ty: ints,
        });
        f.repeat(count, |f, _| {
            let x = f.int(1_000_000);
            let b = f.reg();
            f.emit(Instr::Box {
                dst: b,
                src: x,
                ty: builtin::INT,
            });
            let caps = f.consecutive(&[b, b]);
            let c = f.reg();
            f.emit(Instr::Closure {
                dst: c,
                func: worker,
                captures: caps,
                count: 2,
            });
        });
        let sum = f.int(0);
        f.repeat(count, |f, _| {
            let v = f.recv(ch);
            f.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: sum,
                lhs: sum,
                rhs: v,
            });
        });
        f.print_int(sum);
        f.ret(&[]);
        f.finish();
    });
    let mut rt = Runtime::new(p, config(1, 0)).expect("loads");
    rt.run_to_end();
    assert_eq!(rt.status().exit_code(), Some(0), "{}", stderr(&rt));
    assert_eq!(stdout(&rt), format!("{}\n", (n - 1) * n / 2));
}

/// Package context as the prelude reports it: `root, cancel := WithCancel(Background())`, a deadline child
/// and a value child of it, root's done channel made (by `Done()`), then `cancel()` and the deadline
/// child's cancellation propagated (with its cause); `kind` of the first context comes from the caller.
fn context_tree(first_kind: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let mut f = b.func(main);
        f.line(3);
        let nil = f.reg();
        f.emit(Instr::Zero {
            dst: nil,
            ty: builtin::ANY,
        });
        let track = |f: &mut runtime::builder::FuncBuilder<'_>,
                     kind: i32,
                     info: &[(Reg, runtime::types::TypeId)]| {
            let k = f.int(kind);
            let s = f.any_slice(info);
            f.rt(RtCode::ContextTrack, &[k, s], builtin::INT)
        };
        let background = f.int(-1);
        let zero = f.int(0);
        let root = track(
            &mut f,
            first_kind,
            &[
                (background, builtin::INT),
                (zero, builtin::INT64),
                (nil, builtin::ANY),
                (nil, builtin::ANY),
            ],
        );
        f.line(4);
        let deadline = f.int(1_000_000);
        let timed = track(
            &mut f,
            4,
            &[
                (root, builtin::INT),
                (deadline, builtin::INT64),
                (nil, builtin::ANY),
                (nil, builtin::ANY),
            ],
        );
        f.line(5);
        let key = f.reg();
        let k = f.str_const("user");
        f.emit(Instr::Const { dst: key, konst: k });
        let val = f.int(42);
        track(
            &mut f,
            5,
            &[
                (root, builtin::INT),
                (zero, builtin::INT64),
                (key, builtin::STRING),
                (val, builtin::INT),
            ],
        );
        f.line(6);
        let done = f.make_chan(ct, 0);
        f.rt(RtCode::ContextDone, &[root, done], builtin::INT);
        f.line(7);
        f.close(done);
        let canceled = f.reg();
        let c = f.str_const("context canceled");
        f.emit(Instr::Const {
            dst: canceled,
            konst: c,
        });
        let info = f.any_slice(&[
            (done, ct),
            (canceled, builtin::STRING),
            (canceled, builtin::STRING),
        ]);
        f.rt(RtCode::ContextCancel, &[root, info], builtin::INT);
        let cause = f.reg();
        let c = f.str_const("shutting down");
        f.emit(Instr::Const {
            dst: cause,
            konst: c,
        });
        let no_chan = f.reg();
        f.emit(Instr::Zero {
            dst: no_chan,
            ty: ct,
        });
        let info = f.any_slice(&[
            (no_chan, ct),
            (canceled, builtin::STRING),
            (cause, builtin::STRING),
        ]);
        f.rt(RtCode::ContextCancel, &[timed, info], builtin::INT);
        f.ret(&[]);
        f.finish();
    })
}

#[test]
fn the_context_tree_is_recorded_without_changing_the_run() {
    let (rt, events) = run_checked(context_tree(3), config(1, 0));
    assert_eq!(rt.status(), &Status::Exited { code: 0 }, "{}", stderr(&rt));
    let narration: String = events
        .iter()
        .filter(|e| e.to_string().contains("context"))
        .map(|e| format!("{e}\n"))
        .collect();
    expect_test::expect![[r#"
        G1 made context 1 with context.WithCancel from context 0
        G1 made context 2 with context.WithDeadline from context 1
        G1 made context 3 with context.WithValue from context 1
        context 1 got its done channel, chan 0
        G1 cancelled context 1: context canceled
        G1 cancelled context 2: context canceled (cause: shutting down)
    "#]]
    .assert_eq(&narration);
    let tree: String = rt
        .snapshot()
        .contexts
        .iter()
        .map(|c| {
            format!(
                "{} {:?} parent={:?} done={:?} deadline={:?} key={:?}:{:?}={:?} cancelled={:?}\n",
                c.id.0,
                c.kind,
                c.parent.map(|p| p.0),
                c.done.map(|d| d.0),
                c.deadline_ns,
                c.key_type,
                c.key,
                c.value,
                c.cancelled.as_ref().map(|x| (&x.err, &x.cause, x.by.0)),
            )
        })
        .collect();
    expect_test::expect![[r#"
        0 Background parent=None done=None deadline=None key=None:None=None cancelled=None
        1 WithCancel parent=Some(0) done=Some(0) deadline=None key=None:None=None cancelled=Some(("context canceled", "context canceled", 1))
        2 WithDeadline parent=Some(1) done=None deadline=Some(1000000) key=None:None=None cancelled=Some(("context canceled", "shutting down", 1))
        3 WithValue parent=Some(1) done=None deadline=None key=Some("string"):Some("user")=Some("42") cancelled=None
    "#]]
    .assert_eq(&tree);
    assert_eq!(rt.contexts(), &rt.snapshot().contexts[..]);
}

#[test]
fn a_malformed_context_report_is_a_fatal_error_not_a_panic() {
    // Kind 1 is Background, which is never made by ContextTrack.
    let (rt, _) = run_checked(context_tree(1), config(1, 0));
    assert_eq!(
        rt.status(),
        &Status::Fatal {
            message: "goroscope: unknown context kind 1".into()
        }
    );
    assert!(stderr(&rt).starts_with("fatal error: goroscope: unknown context kind 1\n"));
}
