-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Design" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "snapshot" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Design_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DesignOp" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "op" JSONB NOT NULL,
    "author" TEXT NOT NULL,
    "authorName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignOp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DesignRun" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DesignWeights" (
    "designId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "steps" INTEGER NOT NULL,
    "weights" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignWeights_pkey" PRIMARY KEY ("designId")
);

-- CreateIndex
CREATE INDEX "Design_updatedAt_idx" ON "Design"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DesignOp_designId_version_key" ON "DesignOp"("designId", "version");

-- CreateIndex
CREATE INDEX "DesignRun_designId_kind_finishedAt_idx" ON "DesignRun"("designId", "kind", "finishedAt");

-- AddForeignKey
ALTER TABLE "DesignOp" ADD CONSTRAINT "DesignOp_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DesignRun" ADD CONSTRAINT "DesignRun_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DesignWeights" ADD CONSTRAINT "DesignWeights_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

