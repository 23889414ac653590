'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { ConnectionIndicator } from './connection-indicator';
import { ParticipantList } from './participant-list';
import { TitleEditor } from './title-editor';
import { useDesignRoom } from './use-design-room';

/** The page where a group builds a design together. */
export function DesignEditor({ designId, initialTitle }: { designId: string; initialTitle: string }) {
  const { status, problem, title, participants, edit } = useDesignRoom(designId, initialTitle);

  return (
    <div className="editor">
      <header className="editor-bar">
        <Link href="/" className="home-link" aria-label="All designs">
          Multihead
        </Link>
        <TitleEditor title={title} onRename={(next) => edit({ type: 'renameDesign', title: next })} />
        <span className="spacer" />
        <ParticipantList participants={participants} />
        <ConnectionIndicator status={status} problem={problem} />
      </header>
      <main className="canvas" aria-label="Design canvas">
        <ReactFlowProvider>
          <ReactFlow nodes={[]} edges={[]} fitView proOptions={{ hideAttribution: false }}>
            <Background />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </ReactFlowProvider>
        <p className="canvas-hint">Blank canvas: the layers this group adds will appear here.</p>
      </main>
    </div>
  );
}
