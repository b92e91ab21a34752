import CZeroMQ

extension ZMQLoopContext {
    /// Messages read from one socket per wake-up before the loop looks at the
    /// others, so one busy peer cannot starve the rest.
    static let readBatch = 256

    /// The loop thread's body: jobs, timers, `zmq_poll`, reads and flushes until
    /// a stop is requested, then an orderly teardown.
    func run(wakeReceiver: ZMQSocket) {
        var items: [zmq_pollitem_t] = []
        var polled: [Entry] = []
        while !core.isStopRequested {
            for job in core.takeJobs() { job(self) }
            let now = Self.nowNs()
            fireTimers(now: now)
            if core.isStopRequested { break }

            items.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            items.append(zmq_pollitem_t(socket: wakeReceiver.handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0))
            for entry in entries.values {
                var events: Int16 = 0
                if entry.wantsInput { events |= Int16(ZMQ_POLLIN) }
                if entry.hasPending { events |= Int16(ZMQ_POLLOUT) }
                if events != 0 {
                    items.append(zmq_pollitem_t(socket: entry.socket.handle, fd: -1, events: events, revents: 0))
                    polled.append(entry)
                }
            }
            do {
                _ = try ZMQPoll.poll(&items, timeoutMs: pollTimeoutMs(now: Self.nowNs()))
            } catch .contextTerminated {
                break
            } catch {
                onError(error)
                continue
            }
            if items[0].revents & Int16(ZMQ_POLLIN) != 0 { drainWake(wakeReceiver) }
            for (index, entry) in polled.enumerated() {
                let revents = items[index + 1].revents
                // The entry may have been closed by a handler earlier in this pass.
                guard entries[entry.id] === entry else { continue }
                if revents & Int16(ZMQ_POLLOUT) != 0 { flush(entry) }
                if revents & Int16(ZMQ_POLLIN) != 0 { read(entry) }
            }
        }
    }

    func drainWake(_ receiver: ZMQSocket) {
        while (try? receiver.receiveFrame(dontWait: true) { _, _ in () }) != nil {}
    }

    func pollTimeoutMs(now: UInt64) -> Int {
        guard let next = timers.values.map(\.deadlineNs).min() else { return -1 }
        if next <= now { return 0 }
        return Int((next - now + 999_999) / 1_000_000)
    }

    func fireTimers(now: UInt64) {
        let due = timers.filter { $0.value.deadlineNs <= now }
        for (id, timer) in due {
            // Re-arm from now, not from the old deadline: a stalled loop ticks once, not in a burst.
            timers[id]?.deadlineNs = now + timer.intervalNs
            timer.tick(self)
        }
    }

    func read(_ entry: Entry) {
        for _ in 0..<Self.readBatch {
            guard entries[entry.id] === entry, entry.wantsInput else { return }
            var message: ZMQMessage
            do {
                message = try entry.socket.receiveMessage(dontWait: true, readUserID: entry.readUserID)
                message.receivedAtNs = Self.nowNs()
            } catch .wouldBlock {
                return
            } catch {
                onError(error)
                return
            }
            if let handler = entry.handler {
                handler(self, entry.id, message)
            } else if let inbox = entry.inbox {
                inbox.credit.produced()
                inbox.continuation.yield(message)
            }
        }
    }

    func flush(_ entry: Entry) {
        while entry.hasPending {
            var item = entry.pending[entry.pendingHead]
            let sent: Int
            do {
                sent = try entry.socket.sendFrames(item.frames, from: item.nextFrame, dontWait: true)
            } catch .wouldBlock {
                return
            } catch {
                item.completion?(.failure(error))
                advance(entry)
                continue
            }
            if sent < item.frames.count {
                item.nextFrame = sent
                entry.pending[entry.pendingHead] = item
                return
            }
            item.completion?(.success(()))
            advance(entry)
        }
    }

    private func advance(_ entry: Entry) {
        entry.pendingHead += 1
        if entry.pendingHead == entry.pending.count {
            entry.pending.removeAll(keepingCapacity: true)
            entry.pendingHead = 0
        } else if entry.pendingHead >= 1024 && entry.pendingHead * 2 >= entry.pending.count {
            entry.pending.removeFirst(entry.pendingHead)
            entry.pendingHead = 0
        }
    }

    /// Closes every socket, finishes every inbox, fails queued sends, then runs
    /// jobs that arrived too late against a stopped context so their callers resume.
    func teardown() {
        isStopped = true
        for entry in entries.values { retire(entry) }
        entries = [:]
        timers = [:]
    }
}
