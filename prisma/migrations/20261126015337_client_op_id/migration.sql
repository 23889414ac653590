-- AlterTable
ALTER TABLE "DesignOp" ADD COLUMN "clientOpId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "DesignOp_designId_clientOpId_key" ON "DesignOp"("designId", "clientOpId");

